/// `core/v1` Volume and every VolumeSource, plus the PersistentVolumeClaim types that the
/// `ephemeral` source and StatefulSet `volumeClaimTemplates` reach. Written from the Kubernetes
/// API reference (v1.31+).
extension CoreV1 {
    /// `Volume`: `name` plus exactly one of the `VolumeSource` fields.
    public static let volume = ObjectSchema("Volume", [
        "awsElasticBlockStore": .object(awsElasticBlockStoreVolumeSource),
        "azureDisk": .object(azureDiskVolumeSource),
        "azureFile": .object(azureFileVolumeSource),
        "cephfs": .object(cephFSVolumeSource),
        "cinder": .object(cinderVolumeSource),
        "configMap": .object(configMapVolumeSource),
        "csi": .object(csiVolumeSource),
        "downwardAPI": .object(downwardAPIVolumeSource),
        "emptyDir": .object(emptyDirVolumeSource),
        "ephemeral": .object(ephemeralVolumeSource),
        "fc": .object(fcVolumeSource),
        "flexVolume": .object(flexVolumeSource),
        "flocker": .object(flockerVolumeSource),
        "gcePersistentDisk": .object(gcePersistentDiskVolumeSource),
        "gitRepo": .object(gitRepoVolumeSource),
        "glusterfs": .object(glusterfsVolumeSource),
        "hostPath": .object(hostPathVolumeSource),
        "image": .object(imageVolumeSource),
        "iscsi": .object(iscsiVolumeSource),
        "name": .string,
        "nfs": .object(nfsVolumeSource),
        "persistentVolumeClaim": .object(persistentVolumeClaimVolumeSource),
        "photonPersistentDisk": .object(photonPersistentDiskVolumeSource),
        "portworxVolume": .object(portworxVolumeSource),
        "projected": .object(projectedVolumeSource),
        "quobyte": .object(quobyteVolumeSource),
        "rbd": .object(rbdVolumeSource),
        "scaleIO": .object(scaleIOVolumeSource),
        "secret": .object(secretVolumeSource),
        "storageos": .object(storageOSVolumeSource),
        "vsphereVolume": .object(vsphereVirtualDiskVolumeSource),
    ])

    public static let keyToPath = ObjectSchema("KeyToPath", [
        "key": .string,
        "mode": .integer,
        "path": .string,
    ])

    public static let awsElasticBlockStoreVolumeSource = ObjectSchema("AWSElasticBlockStoreVolumeSource", [
        "fsType": .string,
        "partition": .integer,
        "readOnly": .boolean,
        "volumeID": .string,
    ])

    public static let azureDiskVolumeSource = ObjectSchema("AzureDiskVolumeSource", [
        "cachingMode": .string,
        "diskName": .string,
        "diskURI": .string,
        "fsType": .string,
        "kind": .string,
        "readOnly": .boolean,
    ])

    public static let azureFileVolumeSource = ObjectSchema("AzureFileVolumeSource", [
        "readOnly": .boolean,
        "secretName": .string,
        "shareName": .string,
    ])

    public static let cephFSVolumeSource = ObjectSchema("CephFSVolumeSource", [
        "monitors": .array(.string),
        "path": .string,
        "readOnly": .boolean,
        "secretFile": .string,
        "secretRef": .object(localObjectReference),
        "user": .string,
    ])

    public static let cinderVolumeSource = ObjectSchema("CinderVolumeSource", [
        "fsType": .string,
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
        "volumeID": .string,
    ])

    public static let configMapVolumeSource = ObjectSchema("ConfigMapVolumeSource", [
        "defaultMode": .integer,
        "items": .array(.object(keyToPath)),
        "name": .string,
        "optional": .boolean,
    ])

    public static let csiVolumeSource = ObjectSchema("CSIVolumeSource", [
        "driver": .string,
        "fsType": .string,
        "nodePublishSecretRef": .object(localObjectReference),
        "readOnly": .boolean,
        "volumeAttributes": .map(.string),
    ])

    public static let downwardAPIVolumeFile = ObjectSchema("DownwardAPIVolumeFile", [
        "fieldRef": .object(objectFieldSelector),
        "mode": .integer,
        "path": .string,
        "resourceFieldRef": .object(resourceFieldSelector),
    ])

    public static let downwardAPIVolumeSource = ObjectSchema("DownwardAPIVolumeSource", [
        "defaultMode": .integer,
        "items": .array(.object(downwardAPIVolumeFile)),
    ])

    public static let emptyDirVolumeSource = ObjectSchema("EmptyDirVolumeSource", [
        "medium": .string,
        "sizeLimit": .quantity,
    ])

    public static let ephemeralVolumeSource = ObjectSchema("EphemeralVolumeSource", [
        "volumeClaimTemplate": .object(persistentVolumeClaimTemplate),
    ])

    public static let fcVolumeSource = ObjectSchema("FCVolumeSource", [
        "fsType": .string,
        "lun": .integer,
        "readOnly": .boolean,
        "targetWWNs": .array(.string),
        "wwids": .array(.string),
    ])

    public static let flexVolumeSource = ObjectSchema("FlexVolumeSource", [
        "driver": .string,
        "fsType": .string,
        "options": .map(.string),
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
    ])

    public static let flockerVolumeSource = ObjectSchema("FlockerVolumeSource", [
        "datasetName": .string,
        "datasetUUID": .string,
    ])

    public static let gcePersistentDiskVolumeSource = ObjectSchema("GCEPersistentDiskVolumeSource", [
        "fsType": .string,
        "partition": .integer,
        "pdName": .string,
        "readOnly": .boolean,
    ])

    public static let gitRepoVolumeSource = ObjectSchema("GitRepoVolumeSource", [
        "directory": .string,
        "repository": .string,
        "revision": .string,
    ])

    public static let glusterfsVolumeSource = ObjectSchema("GlusterfsVolumeSource", [
        "endpoints": .string,
        "path": .string,
        "readOnly": .boolean,
    ])

    public static let hostPathVolumeSource = ObjectSchema("HostPathVolumeSource", [
        "path": .string,
        "type": .string,
    ])

    public static let imageVolumeSource = ObjectSchema("ImageVolumeSource", [
        "pullPolicy": .string,
        "reference": .string,
    ])

    public static let iscsiVolumeSource = ObjectSchema("ISCSIVolumeSource", [
        "chapAuthDiscovery": .boolean,
        "chapAuthSession": .boolean,
        "fsType": .string,
        "initiatorName": .string,
        "iqn": .string,
        "iscsiInterface": .string,
        "lun": .integer,
        "portals": .array(.string),
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
        "targetPortal": .string,
    ])

    public static let nfsVolumeSource = ObjectSchema("NFSVolumeSource", [
        "path": .string,
        "readOnly": .boolean,
        "server": .string,
    ])

    public static let persistentVolumeClaimVolumeSource = ObjectSchema("PersistentVolumeClaimVolumeSource", [
        "claimName": .string,
        "readOnly": .boolean,
    ])

    public static let photonPersistentDiskVolumeSource = ObjectSchema("PhotonPersistentDiskVolumeSource", [
        "fsType": .string,
        "pdID": .string,
    ])

    public static let portworxVolumeSource = ObjectSchema("PortworxVolumeSource", [
        "fsType": .string,
        "readOnly": .boolean,
        "volumeID": .string,
    ])

    public static let quobyteVolumeSource = ObjectSchema("QuobyteVolumeSource", [
        "group": .string,
        "readOnly": .boolean,
        "registry": .string,
        "tenant": .string,
        "user": .string,
        "volume": .string,
    ])

    public static let rbdVolumeSource = ObjectSchema("RBDVolumeSource", [
        "fsType": .string,
        "image": .string,
        "keyring": .string,
        "monitors": .array(.string),
        "pool": .string,
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
        "user": .string,
    ])

    public static let scaleIOVolumeSource = ObjectSchema("ScaleIOVolumeSource", [
        "fsType": .string,
        "gateway": .string,
        "protectionDomain": .string,
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
        "sslEnabled": .boolean,
        "storageMode": .string,
        "storagePool": .string,
        "system": .string,
        "volumeName": .string,
    ])

    public static let secretVolumeSource = ObjectSchema("SecretVolumeSource", [
        "defaultMode": .integer,
        "items": .array(.object(keyToPath)),
        "optional": .boolean,
        "secretName": .string,
    ])

    public static let storageOSVolumeSource = ObjectSchema("StorageOSVolumeSource", [
        "fsType": .string,
        "readOnly": .boolean,
        "secretRef": .object(localObjectReference),
        "volumeName": .string,
        "volumeNamespace": .string,
    ])

    public static let vsphereVirtualDiskVolumeSource = ObjectSchema("VsphereVirtualDiskVolumeSource", [
        "fsType": .string,
        "storagePolicyID": .string,
        "storagePolicyName": .string,
        "volumePath": .string,
    ])

    // MARK: Projected

    public static let clusterTrustBundleProjection = ObjectSchema("ClusterTrustBundleProjection", [
        "labelSelector": .object(MetaV1.labelSelector),
        "name": .string,
        "optional": .boolean,
        "path": .string,
        "signerName": .string,
    ])

    public static let configMapProjection = ObjectSchema("ConfigMapProjection", [
        "items": .array(.object(keyToPath)),
        "name": .string,
        "optional": .boolean,
    ])

    public static let downwardAPIProjection = ObjectSchema("DownwardAPIProjection", [
        "items": .array(.object(downwardAPIVolumeFile)),
    ])

    /// `PodCertificateProjection` (v1.34+).
    public static let podCertificateProjection = ObjectSchema("PodCertificateProjection", [
        "certificateChainPath": .string,
        "credentialBundlePath": .string,
        "keyPath": .string,
        "keyType": .string,
        "maxExpirationSeconds": .integer,
        "signerName": .string,
        "user": .integer,
        "userAnnotations": .map(.string),
    ])

    public static let secretProjection = ObjectSchema("SecretProjection", [
        "items": .array(.object(keyToPath)),
        "name": .string,
        "optional": .boolean,
    ])

    public static let serviceAccountTokenProjection = ObjectSchema("ServiceAccountTokenProjection", [
        "audience": .string,
        "expirationSeconds": .integer,
        "path": .string,
    ])

    public static let volumeProjection = ObjectSchema("VolumeProjection", [
        "clusterTrustBundle": .object(clusterTrustBundleProjection),
        "configMap": .object(configMapProjection),
        "downwardAPI": .object(downwardAPIProjection),
        "podCertificate": .object(podCertificateProjection),
        "secret": .object(secretProjection),
        "serviceAccountToken": .object(serviceAccountTokenProjection),
    ])

    public static let projectedVolumeSource = ObjectSchema("ProjectedVolumeSource", [
        "defaultMode": .integer,
        "sources": .array(.object(volumeProjection)),
    ])

    // MARK: PersistentVolumeClaim

    /// `VolumeResourceRequirements` (PVC `spec.resources`; no `claims`).
    public static let volumeResourceRequirements = ObjectSchema("VolumeResourceRequirements", [
        "limits": .map(.quantity),
        "requests": .map(.quantity),
    ])

    /// `PersistentVolumeClaimSpec`.
    public static let persistentVolumeClaimSpec = ObjectSchema("PersistentVolumeClaimSpec", [
        "accessModes": .array(.string),
        "dataSource": .object(typedLocalObjectReference),
        "dataSourceRef": .object(typedObjectReference),
        "resources": .object(volumeResourceRequirements),
        "selector": .object(MetaV1.labelSelector),
        "storageClassName": .string,
        "volumeAttributesClassName": .string,
        "volumeMode": .string,
        "volumeName": .string,
    ])

    /// `PersistentVolumeClaimTemplate` (the `ephemeral` volume source's template).
    public static let persistentVolumeClaimTemplate = ObjectSchema("PersistentVolumeClaimTemplate", [
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(persistentVolumeClaimSpec),
    ])

    /// `PersistentVolumeClaim` (v1); also the element of StatefulSet `volumeClaimTemplates`.
    public static let persistentVolumeClaim = ObjectSchema("PersistentVolumeClaim", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(persistentVolumeClaimSpec),
        "status": .any,
    ])
}
