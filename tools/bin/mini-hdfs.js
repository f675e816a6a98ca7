#!/usr/bin/env node
import '../dist/src/cli/mini-hdfs.js';
