// YAMLTree module.
