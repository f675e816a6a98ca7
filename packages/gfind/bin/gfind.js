#!/usr/bin/env node
import "../dist/src/cli/gfind.js";
