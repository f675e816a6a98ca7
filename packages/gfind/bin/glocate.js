#!/usr/bin/env node
import "../dist/src/cli/glocate.js";
