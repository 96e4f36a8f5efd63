#!/usr/bin/env node
console.log('facepipe');
