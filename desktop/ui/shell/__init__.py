"""The main window's shell: its commands (menus, toolbar, shortcuts), exports from the File
menu, and the focus frame every window shows around the control that has the focus."""
