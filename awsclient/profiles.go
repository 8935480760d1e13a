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

// Profile is one profile of the shared config and credentials files, with
// what they say of where it points. The SDK itself resolves a profile (SSO,
// assume-role, credential_process) when it connects; this only lists them,
// for completion, pickers and "that link's region is this profile's".
type Profile struct {
	Name   string
	Region string // its region setting; "" when it has none
	// Account is the account it acts in when the file says (sso_account_id,
	// or the account of role_arn); "" otherwise.
	Account string
}

// ProfilePaths are the shared config and credentials files, as the SDK
// finds them: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else
// ~/.aws/config and ~/.aws/credentials.
func ProfilePaths() (config, credentials string) {
	home, _ := os.UserHomeDir()
	config = os.Getenv("AWS_CONFIG_FILE")
	if config == "" {
		config = filepath.Join(home, ".aws", "config")
	}
	credentials = os.Getenv("AWS_SHARED_CREDENTIALS_FILE")
	if credentials == "" {
		credentials = filepath.Join(home, ".aws", "credentials")
	}
	return config, credentials
}

// Profiles lists the profiles of the shared config and credentials files,
// sorted by name, each once. A missing file lists nothing; only a file that
// exists and cannot be read is an error.
func Profiles() ([]Profile, error) {
	config, creds := ProfilePaths()
	return ReadProfiles(config, creds)
}

// ProfileNames is Profiles' names, for the switch picker.
func ProfileNames() ([]string, error) {
	ps, err := Profiles()
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names, err
}

// ReadProfiles lists the profiles of the config file and the credentials
// file at these paths.
func ReadProfiles(configPath, credentialsPath string) ([]Profile, error) {
	byName := map[string]*Profile{}
	for _, f := range []struct {
		path   string
		config bool
	}{{configPath, true}, {credentialsPath, false}} {
		if err := readProfileFile(f.path, f.config, byName); err != nil {
			return nil, err
		}
	}
	out := make([]Profile, 0, len(byName))
	for _, p := range byName {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Profile) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// readProfileFile adds the profiles of one INI file. In the config file a
// profile's section is [profile NAME] (or [default]); other sections
// ([sso-session X], [services X]) are not profiles. In the credentials
// file every section is one.
func readProfileFile(path string, config bool, into map[string]*Profile) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) || path == "" {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	var cur *Profile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.IndexByte(line, ']') > 0:
			// "[profile dev] ; a comment": what follows the bracket is not
			// the name.
			cur = nil
			name := strings.TrimSpace(line[1:strings.IndexByte(line, ']')])
			if config && name != "default" {
				rest, ok := strings.CutPrefix(name, "profile ")
				if !ok {
					continue
				}
				name = strings.TrimSpace(rest)
			}
			if name == "" {
				continue
			}
			if into[name] == nil {
				into[name] = &Profile{Name: name}
			}
			cur = into[name]
		case cur != nil:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			setProfileKey(cur, strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v))
		}
	}
	return sc.Err()
}

// setProfileKey records the settings that say where a profile points.
func setProfileKey(p *Profile, k, v string) {
	switch k {
	case "region":
		if p.Region == "" {
			p.Region = v
		}
	case "sso_account_id":
		p.Account = v
	case "role_arn":
		// arn:aws:iam::ACCOUNT:role/NAME
		if f := strings.Split(v, ":"); len(f) >= 5 && p.Account == "" {
			p.Account = f[4]
		}
	}
}
