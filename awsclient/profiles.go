package awsclient

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Profiles lists the profile names of the shared config file
// (`[profile X]`, `[default]`) and the shared credentials file (`[X]`),
// where AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say, else under
// ~/.aws: the names a switch can offer. Sorted, "default" first, each
// once. Only the section names are read; what a profile is (static keys,
// SSO, assume-role, credential_process) is the SDK's business when it
// connects. A file that does not exist lists nothing.
func Profiles() ([]string, error) {
	home, _ := os.UserHomeDir()
	cfgPath := envOr("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
	credPath := envOr("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
	seen := map[string]bool{}
	var errs []error
	for _, f := range []struct {
		path   string
		config bool
	}{{cfgPath, true}, {credPath, false}} {
		names, err := sectionNames(f.path, f.config)
		if err != nil {
			errs = append(errs, err)
		}
		for _, n := range names {
			seen[n] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "default":
			return -1
		case b == "default":
			return 1
		}
		return strings.Compare(a, b)
	})
	return out, errors.Join(errs...)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// sectionNames reads the profile names of one file. In the config file a
// profile is `[profile X]` (or `[default]`); `[sso-session X]` and
// `[services X]` are not profiles. In the credentials file every section
// is one.
func sectionNames(path string, config bool) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "[") {
			continue
		}
		end := strings.Index(line, "]")
		if end < 0 {
			continue
		}
		name := strings.TrimSpace(line[1:end])
		if config {
			switch {
			case name == "default":
			case strings.HasPrefix(name, "profile ") || strings.HasPrefix(name, "profile\t"):
				name = strings.TrimSpace(name[len("profile"):])
			default:
				continue // sso-session, services, or a mistake the SDK ignores too
			}
		}
		if name != "" {
			names = append(names, name)
		}
	}
	return names, sc.Err()
}
