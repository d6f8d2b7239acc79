"""The UI kit every area builds its screens from, so that each thing is shown one way:
fields, formats, messages and dialogs, tables, the directory pickers, print previews, the area
page bases (``pages``), editor tabs and search lists, and the codice-fiscale check of the
person forms. Nothing here is about one area's records."""
