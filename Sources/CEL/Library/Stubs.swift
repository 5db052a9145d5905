func registerQuantity(_ t: inout FunctionTable) {}
func registerURL(_ t: inout FunctionTable) {}
