#!/usr/bin/env node
import "../dist/src/cli/hcfs-shim.js";
