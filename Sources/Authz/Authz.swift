// Authz module.
