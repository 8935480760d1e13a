package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/config"
	"github.com/sqscope/sqscope/ui"
)

// Precedence: a flag given on the command line wins, then (for the AWS
// settings) the SDK's environment variables, then the configuration file,
// then the default. Only flags actually given count (flag.Visit), so a
// flag's default never hides the file.

// origin says where a setting's value came from.
type origin struct {
	kind  string // "default", "flag", "environment", "file"
	where string // the variable, or the file's path:line:column
}

func (o origin) String() string {
	if o.where == "" {
		return o.kind
	}
	return o.kind + " " + o.where
}

// settingFlags are the TUI flags of the file's settings; those not listed
// (the profile patterns) have no flag.
var settingFlags = map[string]string{
	"profile": "profile", "region": "region", "endpoint-url": "endpoint-url", "refresh": "refresh",
	"refresh-all": "refresh-all", "read-only": "read-only", "cloudwatch": "no-cloudwatch",
	"age-alert": "age-alert", "audit-log": "audit-log",
}

// settingEnv are the environment variables the AWS SDK reads for a
// setting, first match wins: set for one shell (`AWS_PROFILE=dev
// sqscope`), they are meant over a file's standing default.
var settingEnv = map[string][]string{
	"profile":      {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"},
	"region":       {"AWS_REGION", "AWS_DEFAULT_REGION"},
	"endpoint-url": {"AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL"},
}

// loadConfig reads the configuration file (--config or the default one)
// into f where no flag or environment variable says otherwise, and records
// where every setting came from. A file with mistakes is refused, each
// mistake on its own line.
func loadConfig(fs *flag.FlagSet, f *tuiFlags, stderr io.Writer) (code int, done bool) {
	file, err := config.Load(f.configPath)
	if err != nil {
		if es, ok := err.(config.Errors); ok {
			for _, e := range es {
				fmt.Fprintf(stderr, "sqscope: %v\n", e)
			}
			return exitUsage, true
		}
		return usageFail(stderr, "%v", err), true
	}
	f.file = file
	f.origins = map[string]origin{}
	given := setFlags(fs)
	for _, s := range config.Settings {
		name := s.Key
		pos, inFile := file.Set[name]
		switch {
		case given[settingFlags[name]] && settingFlags[name] != "":
			f.origins[name] = origin{kind: "flag", where: "--" + settingFlags[name]}
		case envOf(name) != "":
			f.origins[name] = origin{kind: "environment", where: envOf(name)}
		case inFile:
			f.origins[name] = origin{kind: "file", where: fmt.Sprintf("%s:%d:%d", file.Path, pos.Line, pos.Col)}
			fromFile(f, file, name)
		default:
			f.origins[name] = origin{kind: "default"}
		}
	}
	return 0, false
}

// envOf is the environment variable that sets name, or "".
func envOf(name string) string {
	for _, v := range settingEnv[name] {
		if os.Getenv(v) != "" {
			return v
		}
	}
	return ""
}

// fromFile copies one setting of the file into the flags' values.
func fromFile(f *tuiFlags, file *config.File, name string) {
	switch name {
	case "profile":
		f.profile = file.Profile
	case "region":
		f.region = file.Region
	case "endpoint-url":
		f.endpointURL = file.EndpointURL
	case "refresh":
		f.refresh = file.Refresh
	case "refresh-all":
		f.refreshAll = file.RefreshAll
	case "read-only":
		f.readOnly = file.ReadOnly
	case "cloudwatch":
		f.noCloudWatch = !file.CloudWatch
	case "age-alert":
		f.ageAlert = file.AgeAlert
	case "audit-log":
		f.auditLog = file.AuditLog
	}
}

// describe names a setting's value and where it came from, for a message
// about two settings that do not go together: "--refresh 3s" for a flag or
// a default (the flag is how to change it), `refresh = "5s" (PATH:3:1)`
// for the file.
func describe(f *tuiFlags, name string, v any) string {
	if d, ok := v.(time.Duration); ok {
		v = d.String()
	}
	if o := f.origins[name]; o.kind == "file" {
		return fmt.Sprintf("%s = %s (%s)", name, quote(v), o.where)
	}
	return fmt.Sprintf("--%s %v", name, v)
}

func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// regionWhere names where the region came from for checkRegionFrom: ""
// for --region, the file's place, or where the SDK found it.
func regionWhere(f *tuiFlags, region string) string {
	switch o := f.origins["region"]; o.kind {
	case "flag":
		return ""
	case "file":
		return "the configuration file (" + o.where + ")"
	}
	return regionSource(region)
}

// uiOptions are the UI's options from the settings in effect: the file's
// theme, keys and profile patterns travel with the flags' values.
func uiOptions(client *awsclient.SQS, f tuiFlags) ui.Options {
	o := ui.Options{Refresh: f.refresh, RefreshAll: f.refreshAll, ReadOnly: f.readOnly,
		Version: versionString(), Notice: strings.Join(f.warnings, "; "),
		Metrics: metricsFor(client, f), AgeAlert: f.ageAlert, AuditPath: f.auditLog, Queue: f.queue,
		HistoryPath: historyPath(), Connect: f.connect, Regions: knownRegions}
	if f.file != nil {
		o.Keys, o.Theme = &f.file.Keys, f.file.Theme
		o.ProdPattern, o.ReadOnlyPattern = f.file.ProdPattern, f.file.ReadOnlyPattern
	}
	return o
}
