// Policies module.
