#!/usr/bin/env node
import "../dist/src/cli/glustershd.js";
