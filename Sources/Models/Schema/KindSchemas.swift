/// Placeholder until the field tables land: no kind is validated.
public enum KindSchemas {
    public static func schema(apiVersion: String, kind: String) -> ObjectSchema? { nil }
}
