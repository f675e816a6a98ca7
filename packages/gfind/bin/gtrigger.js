#!/usr/bin/env node
import "../dist/src/cli/gtrigger.js";
