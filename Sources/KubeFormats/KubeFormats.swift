// KubeFormats module.
