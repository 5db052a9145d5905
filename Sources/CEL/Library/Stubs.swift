func registerRegexFunctions(_ t: inout FunctionTable) {}
func registerQuantity(_ t: inout FunctionTable) {}
func registerNetwork(_ t: inout FunctionTable) {}
func registerURL(_ t: inout FunctionTable) {}
struct RE2Regex: CELObject {
    var celType: CELType { CELType("regex") }
    func isEqual(to other: any CELObject) -> Bool { false }
    static func compile(_ p: String) -> Result<RE2Regex, CELError> { .success(RE2Regex()) }
}
