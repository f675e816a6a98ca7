#!/usr/bin/env node
import "../dist/src/cli/gfs.js";
