// CEL module.
