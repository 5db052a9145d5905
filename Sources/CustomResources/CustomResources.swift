// CustomResources module.
