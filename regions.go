package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// knownRegions are the regions of every AWS partition, copied on 2026-12-03
// from aws-sdk-go-v2 v1.48.0 (internal/endpoints/awsrulesfn/partitions.json;
// the SDK exports no list). The SDK resolves any name to a host, so without
// this a typo surfaces only as "no such host" on the first call. AWS keeps
// adding regions, so a name missing here is only warned about.
var knownRegions = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	"af-south-1",
	"ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
	"ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"ca-central-1", "ca-west-1",
	"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
	"eu-west-1", "eu-west-2", "eu-west-3",
	"il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1",
	"sa-east-1", "sa-west-1",
	"cn-north-1", "cn-northwest-1", "eusc-de-east-1",
	"us-gov-east-1", "us-gov-west-1",
	"us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isob-west-1",
	"eu-isoe-west-1", "us-isof-east-1", "us-isof-south-1",
}

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
			what, didYouMean(fixed, knownRegions, "")), ""
	}
	if slices.Contains(knownRegions, bare) {
		return "", ""
	}
	return "", fmt.Sprintf("unknown region %s%s%s; trying it anyway, as it may be newer than sqscope's list",
		region, source, didYouMean(bare, knownRegions, ""))
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
