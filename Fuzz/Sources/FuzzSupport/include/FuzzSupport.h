#ifndef PALISADE_FUZZ_SUPPORT_H
#define PALISADE_FUZZ_SUPPORT_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h). SwiftPM renames the
// `main` of executable targets on Linux to `<module>_main`, so each harness defines that
// symbol and hands control to libFuzzer here instead of relying on libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
