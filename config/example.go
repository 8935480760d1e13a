package config

import _ "embed"

// Example is a commented configuration file with every setting, the
// theme's form and the key overrides' areas and names (`sqscope config
// --example`). A test loads it and checks that it names every setting,
// area and binding, so it cannot fall behind.
//
//go:embed example.toml
var Example string
