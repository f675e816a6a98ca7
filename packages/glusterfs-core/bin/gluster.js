#!/usr/bin/env node
import "../dist/src/cli/gluster.js";
