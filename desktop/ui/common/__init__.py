"""Building blocks shared by the co-design screens (projects, meetings, directory)."""
