// Golden maker for Harden's Helm renderer: renders every template of a chart with Go's own text/template,
// Sprig and the functions Helm adds, the way `helm template` does (pkg/engine/engine.go, pkg/chartutil),
// and writes one JSON object {templateName: {"output": text} | {"error": message}}.
//
// Build in GOPATH mode with Debian's packages (golang-go, golang-github-masterminds-sprig-dev,
// golang-github-ghodss-yaml-dev): see scripts/helm-golden/generate.ts, which runs it for the corpus.
//
// Differences from Helm, kept identical on both sides so goldens are deterministic: `now` is
// 2024-01-01T00:00:00Z, random strings cycle through their alphabet, uuidv4 is fixed, randInt returns its minimum.
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig"
	"github.com/ghodss/yaml"
)

type Maintainer struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
}

type Dependency struct {
	Name      string   `json:"name"`
	Version   string   `json:"version,omitempty"`
	Condition string   `json:"condition,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Alias     string   `json:"alias,omitempty"`
}

// Metadata mirrors helm.sh/helm/v3/pkg/chart.Metadata.
type Metadata struct {
	Name         string            `json:"name,omitempty"`
	Home         string            `json:"home,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Version      string            `json:"version,omitempty"`
	Description  string            `json:"description,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Maintainers  []*Maintainer     `json:"maintainers,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	APIVersion   string            `json:"apiVersion,omitempty"`
	Condition    string            `json:"condition,omitempty"`
	Tags         string            `json:"tags,omitempty"`
	AppVersion   string            `json:"appVersion,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Dependencies []*Dependency     `json:"dependencies,omitempty"`
	Type         string            `json:"type,omitempty"`
}

type Chart struct {
	Dir       string
	Meta      *Metadata
	Values    map[string]interface{}
	Templates map[string]string // chart-relative path -> text
	Files     files
	Subcharts []*Chart
}

// files mirrors helm.sh/helm/v3/pkg/engine.files.
type files map[string][]byte

func (f files) GetBytes(name string) []byte { return f[name] }
func (f files) Get(name string) string {
	if v, ok := f[name]; ok {
		return string(v)
	}
	return ""
}
func (f files) Glob(pattern string) files {
	re := globRegexp(pattern)
	nf := files{}
	for name, contents := range f {
		if re.MatchString(name) {
			nf[name] = contents
		}
	}
	return nf
}
func (f files) AsConfig() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = string(v)
	}
	return toYAML(m)
}
func (f files) AsSecrets() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = base64.StdEncoding.EncodeToString(v)
	}
	return toYAML(m)
}
func (f files) Lines(p string) []string {
	if f == nil || f[p] == nil {
		return []string{}
	}
	s := string(f[p])
	if s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return strings.Split(s, "\n")
}

// The same glob dialect as the TypeScript side (gobwas/glob with '/' as separator).
func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '{':
			end := strings.IndexByte(pattern[i:], '}') + i
			alts := strings.Split(pattern[i+1:end], ",")
			for j := range alts {
				alts[j] = regexp.QuoteMeta(alts[j])
			}
			b.WriteString("(?:" + strings.Join(alts, "|") + ")")
			i = end
		case '[':
			end := strings.IndexByte(pattern[i:], ']') + i
			b.WriteString(strings.Replace(pattern[i:end+1], "[!", "[^", 1))
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return regexp.MustCompile("^" + b.String() + "$")
}

type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (kv *KubeVersion) String() string     { return kv.Version }
func (kv *KubeVersion) GitVersion() string { return kv.Version }

type VersionSet []string

func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

type HelmVersion struct {
	Version      string
	GitCommit    string
	GitTreeState string
	GoVersion    string
}

type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion HelmVersion
}

// ---- chart loading (same rules as server/src/engine/helm/chart.ts) ----

type ignoreRule struct {
	negate, dirOnly, hasSlash bool
	re                        *regexp.Regexp
}

func helmIgnore(text string) func(rel string, isDir bool) bool {
	var rules []ignoreRule
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = line[:len(line)-1]
		}
		line = strings.TrimPrefix(line, "/")
		r.hasSlash = strings.Contains(line, "/")
		q := regexp.QuoteMeta(line)
		q = strings.ReplaceAll(q, `\*`, "[^/]*")
		q = strings.ReplaceAll(q, `\?`, "[^/]")
		r.re = regexp.MustCompile("^" + q + "$")
		rules = append(rules, r)
	}
	return func(rel string, isDir bool) bool {
		ignored := false
		base := path.Base(rel)
		for _, r := range rules {
			if r.dirOnly && !isDir {
				continue
			}
			hit := false
			if r.hasSlash {
				hit = r.re.MatchString(rel)
			} else {
				hit = r.re.MatchString(base)
			}
			if hit {
				ignored = !r.negate
			}
		}
		return ignored
	}
}

func loadChart(dir string) (*Chart, error) {
	raw, err := ioutil.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	meta := &Metadata{}
	if err := yaml.Unmarshal(raw, meta); err != nil {
		return nil, err
	}
	c := &Chart{Dir: dir, Meta: meta, Values: map[string]interface{}{}, Templates: map[string]string{}, Files: files{}}
	if v, err := ioutil.ReadFile(filepath.Join(dir, "values.yaml")); err == nil {
		vals := map[string]interface{}{}
		if err := yaml.Unmarshal(v, &vals); err != nil {
			return nil, err
		}
		if vals != nil {
			c.Values = vals
		}
	}
	ignoreText, _ := ioutil.ReadFile(filepath.Join(dir, ".helmignore"))
	ignored := helmIgnore(string(ignoreText))
	top := map[string]bool{"Chart.yaml": true, "Chart.lock": true, "values.yaml": true, "values.schema.json": true, "requirements.yaml": true, "requirements.lock": true}
	var walk func(rel string)
	walk = func(rel string) {
		entries, _ := ioutil.ReadDir(filepath.Join(dir, rel))
		for _, e := range entries {
			p := e.Name()
			if rel != "" {
				p = rel + "/" + e.Name()
			}
			if e.IsDir() && p == "charts" {
				continue
			}
			if ignored(p, e.IsDir()) {
				continue
			}
			if e.IsDir() {
				walk(p)
				continue
			}
			data, err := ioutil.ReadFile(filepath.Join(dir, p))
			if err != nil {
				continue
			}
			if strings.HasPrefix(p, "templates/") {
				c.Templates[p] = string(data)
			} else if !top[p] {
				c.Files[p] = data
			}
		}
	}
	walk("")
	subs, _ := ioutil.ReadDir(filepath.Join(dir, "charts"))
	for _, e := range subs {
		if !e.IsDir() {
			continue
		}
		sub, err := loadChart(filepath.Join(dir, "charts", e.Name()))
		if err == nil {
			c.Subcharts = append(c.Subcharts, sub)
		}
	}
	return c, nil
}

// ---- values (port of pkg/chartutil/coalesce.go) ----

func istable(v interface{}) bool { _, ok := v.(map[string]interface{}); return ok }

func copyTables(src map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range src {
		if m, ok := v.(map[string]interface{}); ok {
			out[k] = copyTables(m)
		} else {
			out[k] = v
		}
	}
	return out
}

func coalesceTables(dst, src map[string]interface{}, merge bool) map[string]interface{} {
	for key, val := range src {
		if dv, ok := dst[key]; ok {
			if dv == nil && !merge {
				delete(dst, key)
			} else if dm, ok := dv.(map[string]interface{}); ok {
				if sm, ok := val.(map[string]interface{}); ok {
					coalesceTables(dm, sm, merge)
				}
			}
		} else {
			if m, ok := val.(map[string]interface{}); ok {
				dst[key] = copyTables(m)
			} else {
				dst[key] = val
			}
		}
	}
	return dst
}

func coalesceGlobals(dest, src map[string]interface{}) {
	dg, _ := dest["global"].(map[string]interface{})
	if dg == nil {
		dg = map[string]interface{}{}
	}
	sg, _ := src["global"].(map[string]interface{})
	for key, val := range sg {
		if m, ok := val.(map[string]interface{}); ok {
			vv := copyTables(m)
			if destv, ok := dg[key]; !ok {
				dg[key] = vv
			} else if dm, ok := destv.(map[string]interface{}); ok {
				coalesceTables(vv, dm, true)
				dg[key] = vv
			}
		} else if dv, ok := dg[key]; ok && istable(dv) {
			// skip
		} else {
			dg[key] = val
		}
	}
	dest["global"] = dg
}

func aliasOf(parent, sub *Chart) string {
	for _, d := range parent.Meta.Dependencies {
		if d.Name == sub.Meta.Name && d.Alias != "" {
			return d.Alias
		}
	}
	return sub.Meta.Name
}

func coalesceChart(c *Chart, dest map[string]interface{}, enabled func(*Chart) bool, nameOf func(*Chart) string) map[string]interface{} {
	coalesceTables(dest, copyTables(c.Values), false)
	for _, sub := range c.Subcharts {
		if !enabled(sub) {
			continue
		}
		name := nameOf(sub)
		section, ok := dest[name].(map[string]interface{})
		if !ok {
			section = map[string]interface{}{}
		}
		coalesceGlobals(section, dest)
		dest[name] = coalesceChart(sub, section, enabled, nameOf)
	}
	return dest
}

func valueAt(values map[string]interface{}, p string) (interface{}, bool) {
	var v interface{} = values
	for _, part := range strings.Split(p, ".") {
		m, ok := v.(map[string]interface{})
		if !ok {
			return nil, false
		}
		if v, ok = m[part]; !ok {
			return nil, false
		}
	}
	return v, true
}

func enabledSubcharts(c *Chart, values map[string]interface{}) []*Chart {
	var out []*Chart
	for _, sub := range c.Subcharts {
		on := true
		for _, d := range c.Meta.Dependencies {
			if d.Name != sub.Meta.Name {
				continue
			}
			if d.Condition != "" {
				for _, p := range strings.Split(d.Condition, ",") {
					if v, ok := valueAt(values, strings.TrimSpace(p)); ok {
						if b, ok := v.(bool); ok {
							on = b
							break
						}
					}
				}
			} else if len(d.Tags) > 0 {
				tags, _ := values["tags"].(map[string]interface{})
				seen, any := false, false
				for _, t := range d.Tags {
					if b, ok := tags[t].(bool); ok {
						seen = true
						any = any || b
					}
				}
				if seen {
					on = any
				}
			}
		}
		if on {
			out = append(out, sub)
		}
	}
	return out
}

// ---- rendering (pkg/engine/engine.go) ----

func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func fromYAML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(str string) []interface{} {
	a := []interface{}{}
	if err := yaml.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(str string) map[string]interface{} {
	m := make(map[string]interface{})
	if err := json.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(str string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func cycle(alphabet string) func(int) string {
	return func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(alphabet[i%len(alphabet)])
		}
		return b.String()
	}
}

const alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

func funcMap(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	fixed := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f["now"] = func() time.Time { return fixed }
	f["randAlphaNum"] = cycle(alpha + "0123456789")
	f["randAlpha"] = cycle(alpha)
	f["randNumeric"] = cycle("0123456789")
	f["randAscii"] = cycle(alpha)
	f["uuidv4"] = func() string { return "00000000-0000-4000-8000-000000000000" }
	f["randInt"] = func(min, max int) int { return min }
	f["toYaml"] = toYAML
	f["fromYaml"] = fromYAML
	f["fromYamlArray"] = fromYAMLArray
	f["toJson"] = toJSON
	f["fromJson"] = fromJSON
	f["fromJsonArray"] = fromJSONArray
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) { return map[string]interface{}{}, nil }
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, fmt.Errorf(warn)
		} else if s, ok := val.(string); ok && s == "" {
			return val, fmt.Errorf(warn)
		}
		return val, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", fmt.Errorf(msg) }
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(tpl string, vals interface{}) (string, error) {
		c, err := t.Clone()
		if err != nil {
			return "", err
		}
		c.Option("missingkey=zero")
		c.Funcs(funcMap(c))
		c, err = c.New(t.Name()).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %s", tpl, err)
		}
		var buf strings.Builder
		if err := c.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %s", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	return f
}

type node struct {
	chart      *Chart
	namePrefix string
	name       string
	values     map[string]interface{}
}

func byPathLenReverse(keys []string) {
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		ca, cb := strings.Count(a, "/"), strings.Count(b, "/")
		if ca != cb {
			return ca > cb
		}
		return a > b
	})
}

type result struct {
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chartDir := flag.String("chart", "", "chart folder")
	apiFile := flag.String("api-versions", "", "file with one API version per line")
	kubeVersion := flag.String("kube-version", "v1.32.0", "Kubernetes version")
	release := flag.String("release", "release-name", "release name")
	namespace := flag.String("namespace", "default", "namespace")
	var valuesFiles valueFiles
	flag.Var(&valuesFiles, "values", "values file (repeatable)")
	flag.Parse()

	top, err := loadChart(*chartDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	user := map[string]interface{}{}
	for _, f := range valuesFiles {
		data, err := ioutil.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		m := map[string]interface{}{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		mergeMaps(user, m)
	}
	var apis VersionSet
	if *apiFile != "" {
		data, _ := ioutil.ReadFile(*apiFile)
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if l != "" {
				apis = append(apis, l)
			}
		}
	}
	kv := strings.TrimPrefix(*kubeVersion, "v")
	parts := strings.SplitN(kv, ".", 3)
	caps := &Capabilities{
		KubeVersion: KubeVersion{Version: "v" + kv, Major: parts[0], Minor: parts[1]},
		APIVersions: apis,
		HelmVersion: HelmVersion{Version: "v3.16.0", GoVersion: "go1.22.0"},
	}

	probe := coalesceChart(top, copyTables(user), func(*Chart) bool { return true }, func(c *Chart) string { return c.Meta.Name })
	enabled := map[*Chart]bool{}
	aliases := map[*Chart]string{}
	var walkEnabled func(c *Chart, values map[string]interface{})
	walkEnabled = func(c *Chart, values map[string]interface{}) {
		for _, sub := range enabledSubcharts(c, values) {
			enabled[sub] = true
			aliases[sub] = aliasOf(c, sub)
			section, _ := values[sub.Meta.Name].(map[string]interface{})
			if section == nil {
				section = map[string]interface{}{}
			}
			walkEnabled(sub, section)
		}
	}
	walkEnabled(top, probe)
	values := coalesceChart(top, copyTables(user), func(c *Chart) bool { return enabled[c] }, func(c *Chart) string {
		if a, ok := aliases[c]; ok {
			return a
		}
		return c.Meta.Name
	})
	var nodes []node
	var collect func(c *Chart, prefix, name string, vals map[string]interface{})
	collect = func(c *Chart, prefix, name string, vals map[string]interface{}) {
		nodes = append(nodes, node{c, prefix + name + "/", name, vals})
		for _, sub := range c.Subcharts {
			if !enabled[sub] {
				continue
			}
			alias := aliases[sub]
			section, _ := vals[alias].(map[string]interface{})
			if section == nil {
				section = map[string]interface{}{}
			}
			collect(sub, prefix+name+"/charts/", alias, section)
		}
	}
	collect(top, "", top.Meta.Name, values)

	t := template.New("gotpl")
	t.Option("missingkey=zero")
	t.Funcs(funcMap(t))
	texts := map[string]string{}
	for _, n := range nodes {
		for rel, text := range n.chart.Templates {
			if n.chart.Meta.Type == "library" && !strings.HasPrefix(path.Base(rel), "_") {
				continue
			}
			texts[n.namePrefix+rel] = text
		}
	}
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	byPathLenReverse(keys)
	out := map[string]result{}
	var parseErr error
	for _, name := range keys {
		if _, err := t.New(name).Parse(texts[name]); err != nil && parseErr == nil {
			parseErr = err
		}
	}
	for _, n := range nodes {
		if n.chart.Meta.Type == "library" {
			continue
		}
		meta := *n.chart.Meta
		meta.Name = n.name
		for rel := range n.chart.Templates {
			if strings.HasPrefix(path.Base(rel), "_") {
				continue
			}
			name := n.namePrefix + rel
			if parseErr != nil {
				msg := parseErr.Error()
				out[name] = result{Error: &msg}
				continue
			}
			vals := map[string]interface{}{
				"Values":       n.values,
				"Release":      map[string]interface{}{"Name": *release, "Namespace": *namespace, "IsUpgrade": false, "IsInstall": true, "Revision": 1, "Service": "Helm"},
				"Chart":        &meta,
				"Files":        n.chart.Files,
				"Capabilities": caps,
				"Template":     map[string]interface{}{"Name": name, "BasePath": n.namePrefix + "templates"},
			}
			var buf strings.Builder
			if err := t.ExecuteTemplate(&buf, name, vals); err != nil {
				msg := err.Error()
				out[name] = result{Error: &msg}
				continue
			}
			s := strings.ReplaceAll(buf.String(), "<no value>", "")
			out[name] = result{Output: &s}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func mergeMaps(dst, src map[string]interface{}) {
	for k, v := range src {
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				mergeMaps(dm, sm)
				continue
			}
			dst[k] = copyTables(sm)
			continue
		}
		dst[k] = v
	}
}
