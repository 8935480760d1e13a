package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/suggest"
)

// knownRegions are the regions of every AWS partition (awsclient keeps
// the list, which the command line's completion shares).
var knownRegions = awsclient.KnownRegions

// regionShape is the shape of every name in that list, and what each
// partition's regionRegex there asks for: lowercase words and a number,
// joined by hyphens.
var regionShape = regexp.MustCompile(`^[a-z]+(-[a-z]+)+-[0-9]+$`)

// checkRegion says what is wrong with a region bound for AWS's own
// endpoints: malformed (the SDK cannot use it: an error) or unknown (a typo,
// or newer than the list: a warning). Both are "" for a known region.
// fromFlag says --region gave it; otherwise the message names where the
// SDK found it.
func checkRegion(region string, fromFlag bool) (malformed, unknown string) {
	if fromFlag {
		return checkRegionFrom(region, "")
	}
	return checkRegionFrom(region, regionSource(region))
}

// checkRegionFrom is checkRegion for a region from where ("" for --region,
// else e.g. "AWS_REGION" or the configuration file).
func checkRegionFrom(region, where string) (malformed, unknown string) {
	fromFlag, source := where == "", ""
	if !fromFlag {
		source = " from " + where
	}
	// FIPS pseudo-regions (fips-us-east-1, us-east-1-fips) are rewritten by
	// the SDK to the region and a FIPS endpoint; check the region.
	bare := strings.TrimSuffix(strings.TrimPrefix(strings.ReplaceAll(region, "-fips-", "-"), "fips-"), "-fips")
	if !regionShape.MatchString(bare) {
		// Spaces, underscores and capitals are the usual slips: suggest
		// from the name with those undone.
		fixed := strings.ToLower(strings.Join(strings.FieldsFunc(region, func(r rune) bool {
			return r == ' ' || r == '_' || r == '-' || r == '.'
		}), "-"))
		what := "--region " + strconv.Quote(region)
		if !fromFlag {
			what = "region " + strconv.Quote(region) + source
		}
		return fmt.Sprintf("%s is malformed: a region is lowercase words and a number joined by hyphens, like eu-west-1%s",
			what, suggest.DidYouMean(fixed, knownRegions, "")), ""
	}
	if slices.Contains(knownRegions, bare) {
		return "", ""
	}
	return "", fmt.Sprintf("unknown region %s%s%s; trying it anyway, as it may be newer than sqscope's list",
		region, source, suggest.DidYouMean(bare, knownRegions, ""))
}

// regionSource says where the SDK found a region the flag did not give.
func regionSource(region string) string {
	for _, env := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if os.Getenv(env) == region {
			return env
		}
	}
	return "the AWS config profile"
}
