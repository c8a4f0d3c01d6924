package objects

// Suggestion is the closest of candidates to name, as CPython's "Did you mean" finds it: a
// Levenshtein distance where a case change costs 1 and any other edit 2, within a third of the
// characters involved; "" when none is that close.
// CPython: Python/suggestions.c _Py_CalculateSuggestions
func Suggestion(candidates []string, name string) string {
	const moveCost, maxCandidates = 2, 750
	if len(candidates) >= maxCandidates {
		return ""
	}
	best, bestDistance := "", int(^uint(0)>>1)
	for _, item := range candidates {
		if item == name {
			continue
		}
		maxDistance := min((len(name)+len(item)+3)*moveCost/6, bestDistance-1)
		d := levenshtein(name, item, maxDistance)
		if d > maxDistance {
			continue
		}
		if best == "" || d < bestDistance {
			best, bestDistance = item, d
		}
	}
	return best
}

// levenshtein is the edit distance of a and b, or maxCost+1 once it is sure to exceed maxCost.
// CPython: Python/suggestions.c levenshtein_distance
func levenshtein(a, b string, maxCost int) int {
	const moveCost, caseCost, maxSize = 2, 1, 40
	if a == b {
		return 0
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return (len(a) + len(b)) * moveCost
	}
	if len(a) > maxSize || len(b) > maxSize {
		return maxCost + 1
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	if (len(b)-len(a))*moveCost > maxCost {
		return maxCost + 1
	}
	cost := func(x, y byte) int {
		switch {
		case x == y:
			return 0
		case lower(x) == lower(y):
			return caseCost
		}
		return moveCost
	}
	row := make([]int, len(a))
	for i := range row {
		row[i] = (i + 1) * moveCost
	}
	result := 0
	for bi := 0; bi < len(b); bi++ {
		distance := bi * moveCost
		result = distance
		minimum := int(^uint(0) >> 1)
		for i := 0; i < len(a); i++ {
			substitute := distance + cost(b[bi], a[i])
			distance = row[i]
			result = min(min(result, distance)+moveCost, substitute)
			row[i] = result
			minimum = min(minimum, result)
		}
		if minimum > maxCost {
			return maxCost + 1
		}
	}
	return result
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
