package ui

import (
	"strings"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/refresh"
)

// banner is who and where the session is, for the header: the endpoint,
// the account and principal (unknown and not asked: both ""), what to say
// instead of them ("no identity"), and whether the profile or account is
// production.
type banner struct {
	ep                 awsclient.Endpoint
	account, principal string
	instead            string
	prod               bool
}

// headerView is the top line: product, where we are connected and as whom,
// mode badges on the left; the queue count (and how many the filter shows)
// and how old the counts are on the right, which wins when the line is too
// narrow for both. A production session shows its profile and account in
// the warning style and a PROD badge, so it never rests on colour alone.
//
// Who the session acts as matters more than the rest of the left side, so
// when the line is narrow the URL goes first, then the version, then the
// principal is cut in the middle (or goes), then the product name; the
// profile and the account go last.
func headerView(st *common.Styles, version string, b banner, total, shown int, filtered bool, fresh refresh.Freshness, w int) string {
	badges := ""
	if b.prod {
		badges += " " + st.ProdBadge.Render(" PROD ")
	}
	if b.ep.Demo {
		badges += " " + st.Badge.Render(" DEMO ")
	}
	if b.ep.ReadOnly {
		badges += " " + st.ReadOnly.Render(" READ-ONLY ")
	}
	p := headerParts{name: "sqscope", url: b.ep.URL, region: b.ep.Region, profile: b.ep.Profile,
		account: b.account, principal: b.principal, instead: b.instead, profileWord: true}
	if version != "" {
		p.name += " " + version
	}
	right := countText(total, shown, filtered)
	// How old the counts are, in as many words as fit beside the rest.
	if f := fresh.Long(); f != "" {
		if common.Width(p.plain()+badges)+1+common.Width(right+" · "+f) > w {
			f = fresh.Short()
		}
		right += " · " + f
	}
	room := w - common.Width(right) - 1 - common.Width(badges)
	if p.account != "" || p.instead != "" {
		p.shrink(room)
		// Who and where come before how old the counts are: when even
		// the shrunk parts do not fit, the ages go, then the count.
		for _, r := range []string{countText(total, shown, filtered), ""} {
			if common.Width(p.plain()) <= room || len(r) >= len(right) {
				break
			}
			right = r
			room = w - common.Width(right) - 1 - common.Width(badges)
		}
	}
	return spread(p.render(st, b.prod)+badges, st.Header.Render(right), w, common.Width(badges))
}

// headerParts are the pieces of the header's left side, plain.
type headerParts struct {
	name, url, region, profile string
	profileWord                bool // "profile " before the name
	account, principal         string
	instead                    string
}

func (p headerParts) list() []string {
	var out []string
	for _, s := range []string{p.name, p.url, p.region, p.profileText(), p.account, p.principal, p.instead} {
		if s != "" {
			out = append(out, common.OneLine(s))
		}
	}
	return out
}

func (p headerParts) profileText() string {
	if p.profile == "" {
		return ""
	}
	if !p.profileWord {
		return p.profile
	}
	return "profile " + p.profile
}

func (p headerParts) plain() string { return strings.Join(p.list(), " · ") }

// shrink leaves out, in order, what matters least until the parts fit in
// room cells.
func (p *headerParts) shrink(room int) {
	fits := func() bool { return common.Width(p.plain()) <= room }
	steps := []func(){
		func() { p.url = "" },
		func() { p.name = "sqscope" },
		func() {
			rest := *p
			rest.principal = ""
			if free := room - common.Width(rest.plain()) - 3; free >= 12 {
				p.principal = common.MiddleCut(p.principal, free)
			} else {
				p.principal = ""
			}
		},
		func() { p.name = "" },
		func() { p.profileWord = false }, // "acme-prod", not "profile acme-prod"
	}
	for _, step := range steps {
		if fits() {
			return
		}
		step()
	}
}

// render styles the parts: the profile and who in the warning style when
// the session is production.
func (p headerParts) render(st *common.Styles, prod bool) string {
	who := st.Header
	if prod {
		who = st.Prod
	}
	sep := st.Header.Render(" · ")
	var out []string
	if p.name != "" {
		out = append(out, st.App.Render(p.name))
	}
	for _, s := range []string{p.url, p.region} {
		if s != "" {
			out = append(out, st.Header.Render(common.OneLine(s)))
		}
	}
	for _, s := range []string{p.profileText(), p.account, p.principal} {
		if s != "" {
			out = append(out, who.Render(common.OneLine(s)))
		}
	}
	if p.instead != "" {
		out = append(out, st.Muted.Render(common.OneLine(p.instead)))
	}
	return strings.Join(out, sep)
}

// countText is the header's queue count, and how many the filter shows.
func countText(total, shown int, filtered bool) string {
	s := common.Plural(total, "queue")
	if filtered {
		s += " · " + common.Commas(int64(shown)) + " shown"
	}
	return s
}
