// Reporters module.
