#!/usr/bin/env node
import '../dist/src/cli/gcluster.js';
