/// `meta/v1` (apimachinery) types shared by every kind, plus the small reference types from
/// `core/v1` that many groups reuse. Written from the Kubernetes API reference (v1.31+).
public enum MetaV1 {
    /// `LabelSelectorRequirement`.
    public static let labelSelectorRequirement = ObjectSchema("LabelSelectorRequirement", [
        "key": .string,
        "operator": .string,
        "values": .array(.string),
    ])

    /// `LabelSelector`.
    public static let labelSelector = ObjectSchema("LabelSelector", [
        "matchExpressions": .array(.object(labelSelectorRequirement)),
        "matchLabels": .map(.string),
    ])

    /// `OwnerReference`.
    public static let ownerReference = ObjectSchema("OwnerReference", [
        "apiVersion": .string,
        "blockOwnerDeletion": .boolean,
        "controller": .boolean,
        "kind": .string,
        "name": .string,
        "uid": .string,
    ])

    /// `ManagedFieldsEntry`. `fieldsV1` is an opaque trie, so it is not checked.
    public static let managedFieldsEntry = ObjectSchema("ManagedFieldsEntry", [
        "apiVersion": .string,
        "fieldsType": .string,
        "fieldsV1": .any,
        "manager": .string,
        "operation": .string,
        "subresource": .string,
        "time": .string,
    ])

    /// `ObjectMeta`. Timestamps are RFC 3339 strings.
    public static let objectMeta = ObjectSchema("ObjectMeta", [
        "annotations": .map(.string),
        "creationTimestamp": .string,
        "deletionGracePeriodSeconds": .integer,
        "deletionTimestamp": .string,
        "finalizers": .array(.string),
        "generateName": .string,
        "generation": .integer,
        "labels": .map(.string),
        "managedFields": .array(.object(managedFieldsEntry)),
        "name": .string,
        "namespace": .string,
        "ownerReferences": .array(.object(ownerReference)),
        "resourceVersion": .string,
        "selfLink": .string,
        "uid": .string,
    ])
}

extension CoreV1 {
    /// `ObjectReference` (core/v1).
    public static let objectReference = ObjectSchema("ObjectReference", [
        "apiVersion": .string,
        "fieldPath": .string,
        "kind": .string,
        "name": .string,
        "namespace": .string,
        "resourceVersion": .string,
        "uid": .string,
    ])

    /// `LocalObjectReference` (core/v1).
    public static let localObjectReference = ObjectSchema("LocalObjectReference", [
        "name": .string,
    ])

    /// `TypedLocalObjectReference` (core/v1).
    public static let typedLocalObjectReference = ObjectSchema("TypedLocalObjectReference", [
        "apiGroup": .string,
        "kind": .string,
        "name": .string,
    ])

    /// `TypedObjectReference` (core/v1; PVC `dataSourceRef`).
    public static let typedObjectReference = ObjectSchema("TypedObjectReference", [
        "apiGroup": .string,
        "kind": .string,
        "name": .string,
        "namespace": .string,
    ])
}
