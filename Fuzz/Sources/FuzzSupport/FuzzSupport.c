// Header-only support target; this file exists so SwiftPM builds the module.
#include "FuzzSupport.h"
