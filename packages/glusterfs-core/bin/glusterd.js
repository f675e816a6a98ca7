#!/usr/bin/env node
import "../dist/src/cli/glusterd.js";
