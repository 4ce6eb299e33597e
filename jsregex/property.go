package jsregex

import (
	"sync"
	"unicode"
)

// lookupProperty resolves the body of \p{...}: a General_Category value, a
// binary property, Name=Value for gc/sc/scx, or (v mode) a property of
// strings. approx is set when Go's tables cannot give the exact set.
func lookupProperty(name, value string, hasValue, vmode bool) (set CharSet, strs, approx, ok bool) {
	if hasValue {
		switch name {
		case "General_Category", "gc":
			set, ok = generalCategory(value)
			return set, false, false, ok
		case "Script", "sc", "Script_Extensions", "scx":
			if long, alias := scriptAliases[value]; alias {
				value = long
			}
			if value == "Unknown" {
				var all CharSet
				for _, t := range unicode.Scripts {
					all = all.Union(tableSet(t))
				}
				return all.Complement(MaxRune), false, false, true
			}
			t, found := unicode.Scripts[value]
			if !found {
				return CharSet{}, false, false, false
			}
			// Script_Extensions is approximated by Script.
			return tableSet(t), false, name == "Script_Extensions" || name == "scx", true
		}
		return CharSet{}, false, false, false
	}
	if set, ok = generalCategory(name); ok {
		return set, false, false, true
	}
	if long, alias := binaryAliases[name]; alias {
		name = long
	}
	if t, found := unicode.Properties[name]; found && !isOtherProperty(name) {
		return tableSet(t), false, false, true
	}
	if f, found := derivedProperties[name]; found {
		s, exact := f()
		return s, false, !exact, true
	}
	if vmode && stringProperties[name] {
		return emojiSet(), true, true, true
	}
	return CharSet{}, false, false, false
}

// isOtherProperty reports the Other_* contributory properties, which Go
// exports but ECMAScript does not accept.
func isOtherProperty(name string) bool {
	return len(name) > 6 && name[:6] == "Other_"
}

var (
	catOnce  sync.Once
	catCache map[string]CharSet
	catMu    sync.Mutex
)

func generalCategory(v string) (CharSet, bool) {
	if long, ok := unicode.CategoryAliases[v]; ok {
		v = long
	}
	switch v {
	case "LC":
		return tableSet(unicode.Lu).Union(tableSet(unicode.Ll)).Union(tableSet(unicode.Lt)), true
	case "Cn", "Unassigned":
		return assigned().Complement(MaxRune), true
	case "C":
		return tableSet(unicode.C).Union(assigned().Complement(MaxRune)), true
	case "punct":
		v = "P"
	}
	t, ok := unicode.Categories[v]
	if !ok {
		return CharSet{}, false
	}
	catMu.Lock()
	defer catMu.Unlock()
	if catCache == nil {
		catCache = map[string]CharSet{}
	}
	if s, ok := catCache[v]; ok {
		return s, true
	}
	s := tableSet(t)
	catCache[v] = s
	return s, true
}

func assigned() CharSet {
	var s CharSet
	for _, t := range unicode.Categories {
		s = s.Union(tableSet(t))
	}
	return s
}

func tables(ts ...*unicode.RangeTable) CharSet {
	var s CharSet
	for _, t := range ts {
		s = s.Union(tableSet(t))
	}
	return s
}

// derivedProperties are the ECMAScript binary properties missing from Go's
// unicode.Properties, derived from their Unicode definitions. The bool is
// false when the derivation is only an approximation.
var derivedProperties = map[string]func() (CharSet, bool){
	"Any":        func() (CharSet, bool) { return NewCharSet(Range{0, MaxRune}), true },
	"ASCII":      func() (CharSet, bool) { return NewCharSet(Range{0, 0x7F}), true },
	"Assigned":   func() (CharSet, bool) { return assigned(), true },
	"Alphabetic": func() (CharSet, bool) { return tables(unicode.L, unicode.Nl, unicode.Other_Alphabetic), true },
	"Lowercase":  func() (CharSet, bool) { return tables(unicode.Ll, unicode.Other_Lowercase), true },
	"Uppercase":  func() (CharSet, bool) { return tables(unicode.Lu, unicode.Other_Uppercase), true },
	"Math":       func() (CharSet, bool) { return tables(unicode.Sm, unicode.Other_Math), true },
	"Cased": func() (CharSet, bool) {
		return tables(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase), true
	},
	"Case_Ignorable": func() (CharSet, bool) {
		return tables(unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk), false
	},
	"ID_Start":     idStart,
	"XID_Start":    idStart,
	"ID_Continue":  idContinue,
	"XID_Continue": idContinue,
	"Grapheme_Extend": func() (CharSet, bool) {
		return tables(unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend), true
	},
	"Grapheme_Base": func() (CharSet, bool) {
		s := assigned().Subtract(tables(unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp))
		return s.Subtract(tables(unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend)), false
	},
	"Default_Ignorable_Code_Point": func() (CharSet, bool) {
		return tables(unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector, unicode.Cf), false
	},
	"Bidi_Mirrored": func() (CharSet, bool) {
		return tables(unicode.Ps, unicode.Pe, unicode.Sm, unicode.Pi, unicode.Pf), false
	},
	"Changes_When_Lowercased":      changesWhen(func(r rune) bool { return unicode.ToLower(r) != r }),
	"Changes_When_Uppercased":      changesWhen(func(r rune) bool { return unicode.ToUpper(r) != r }),
	"Changes_When_Titlecased":      changesWhen(func(r rune) bool { return unicode.ToTitle(r) != r }),
	"Changes_When_Casefolded":      changesWhen(func(r rune) bool { return unicode.SimpleFold(r) != r && unicode.ToLower(r) != r }),
	"Changes_When_Casemapped":      changesWhen(func(r rune) bool { return unicode.SimpleFold(r) != r }),
	"Changes_When_NFKC_Casefolded": changesWhen(func(r rune) bool { return unicode.ToLower(r) != r }),
	"Emoji":                        func() (CharSet, bool) { return emojiSet(), false },
	"Emoji_Presentation":           func() (CharSet, bool) { return emojiSet(), false },
	"Extended_Pictographic":        func() (CharSet, bool) { return emojiSet(), false },
	"Emoji_Modifier":               func() (CharSet, bool) { return NewCharSet(Range{0x1F3FB, 0x1F3FF}), true },
	"Emoji_Modifier_Base":          func() (CharSet, bool) { return emojiSet(), false },
	"Emoji_Component": func() (CharSet, bool) {
		return NewCharSet(Range{'#', '#'}, Range{'*', '*'}, Range{'0', '9'}, Range{0x200D, 0x200D}, Range{0x20E3, 0x20E3},
			Range{0xFE0F, 0xFE0F}, Range{0x1F1E6, 0x1F1FF}, Range{0x1F3FB, 0x1F3FF}, Range{0x1F9B0, 0x1F9B3}, Range{0xE0020, 0xE007F}), true
	},
}

func idStart() (CharSet, bool) {
	s := tables(unicode.L, unicode.Nl, unicode.Other_ID_Start)
	return s.Subtract(tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
}

func idContinue() (CharSet, bool) {
	s, _ := idStart()
	s = s.Union(tables(unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue))
	return s.Subtract(tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
}

func changesWhen(pred func(rune) bool) func() (CharSet, bool) {
	return func() (CharSet, bool) {
		var s CharSet
		for r := rune(0); r <= 0x1FFFF; r++ {
			if pred(r) {
				s.R = append(s.R, Range{r, r})
			}
		}
		s.normalize()
		return s, false
	}
}

// emojiSet approximates the emoji properties by the main pictographic blocks.
func emojiSet() CharSet {
	return NewCharSet(Range{'#', '#'}, Range{'*', '*'}, Range{'0', '9'}, Range{0xA9, 0xA9}, Range{0xAE, 0xAE},
		Range{0x203C, 0x203C}, Range{0x2049, 0x2049}, Range{0x2122, 0x2122}, Range{0x2139, 0x2139},
		Range{0x2194, 0x21AA}, Range{0x231A, 0x23FF}, Range{0x24C2, 0x24C2}, Range{0x25AA, 0x27BF},
		Range{0x2934, 0x2935}, Range{0x2B05, 0x2B55}, Range{0x3030, 0x3030}, Range{0x303D, 0x303D},
		Range{0x3297, 0x3299}, Range{0x1F000, 0x1FAFF})
}

// emojiStringsPlaceholder stands for the multi-character members of a
// property of strings; the exact sequences are not in Go's tables.
var emojiStringsPlaceholder = []string{"#\uFE0F\u20E3", "\U0001F1FA\U0001F1F8", "\U0001F468\u200D\U0001F469"}

var stringProperties = map[string]bool{
	"Basic_Emoji": true, "Emoji_Keycap_Sequence": true, "RGI_Emoji_Modifier_Sequence": true,
	"RGI_Emoji_Flag_Sequence": true, "RGI_Emoji_Tag_Sequence": true, "RGI_Emoji_ZWJ_Sequence": true, "RGI_Emoji": true,
}

// binaryAliases maps the short names of ECMAScript's binary properties
// (table-binary-unicode-properties) to the long ones.
var binaryAliases = map[string]string{
	"AHex": "ASCII_Hex_Digit", "Alpha": "Alphabetic", "Bidi_C": "Bidi_Control", "Bidi_M": "Bidi_Mirrored",
	"CI": "Case_Ignorable", "CWCF": "Changes_When_Casefolded", "CWCM": "Changes_When_Casemapped",
	"CWKCF": "Changes_When_NFKC_Casefolded", "CWL": "Changes_When_Lowercased", "CWT": "Changes_When_Titlecased",
	"CWU": "Changes_When_Uppercased", "DI": "Default_Ignorable_Code_Point", "Dep": "Deprecated", "Dia": "Diacritic",
	"EBase": "Emoji_Modifier_Base", "EComp": "Emoji_Component", "EMod": "Emoji_Modifier", "EPres": "Emoji_Presentation",
	"ExtPict": "Extended_Pictographic", "Ext": "Extender", "Gr_Base": "Grapheme_Base", "Gr_Ext": "Grapheme_Extend",
	"Hex": "Hex_Digit", "IDC": "ID_Continue", "IDS": "ID_Start", "IDSB": "IDS_Binary_Operator", "IDST": "IDS_Trinary_Operator",
	"Ideo": "Ideographic", "Join_C": "Join_Control", "LOE": "Logical_Order_Exception", "Lower": "Lowercase",
	"NChar": "Noncharacter_Code_Point", "Pat_Syn": "Pattern_Syntax", "Pat_WS": "Pattern_White_Space",
	"QMark": "Quotation_Mark", "RI": "Regional_Indicator", "SD": "Soft_Dotted", "STerm": "Sentence_Terminal",
	"Term": "Terminal_Punctuation", "UIdeo": "Unified_Ideograph", "Upper": "Uppercase", "VS": "Variation_Selector",
	"XIDC": "XID_Continue", "XIDS": "XID_Start", "space": "White_Space",
}

// scriptAliases maps ISO 15924 codes (the short Script values) to the long
// names Go's unicode.Scripts uses.
var scriptAliases = map[string]string{
	"Adlm": "Adlam", "Aghb": "Caucasian_Albanian", "Ahom": "Ahom", "Arab": "Arabic", "Armi": "Imperial_Aramaic",
	"Armn": "Armenian", "Avst": "Avestan", "Bali": "Balinese", "Bamu": "Bamum", "Bass": "Bassa_Vah", "Batk": "Batak",
	"Beng": "Bengali", "Bhks": "Bhaiksuki", "Bopo": "Bopomofo", "Brah": "Brahmi", "Brai": "Braille", "Bugi": "Buginese",
	"Buhd": "Buhid", "Cakm": "Chakma", "Cans": "Canadian_Aboriginal", "Cari": "Carian", "Cher": "Cherokee",
	"Chrs": "Chorasmian", "Copt": "Coptic", "Qaac": "Coptic", "Cpmn": "Cypro_Minoan", "Cprt": "Cypriot",
	"Cyrl": "Cyrillic", "Deva": "Devanagari", "Diak": "Dives_Akuru", "Dogr": "Dogra", "Dsrt": "Deseret",
	"Dupl": "Duployan", "Egyp": "Egyptian_Hieroglyphs", "Elba": "Elbasan", "Elym": "Elymaic", "Ethi": "Ethiopic",
	"Geor": "Georgian", "Glag": "Glagolitic", "Gong": "Gunjala_Gondi", "Gonm": "Masaram_Gondi", "Goth": "Gothic",
	"Gran": "Grantha", "Grek": "Greek", "Gujr": "Gujarati", "Guru": "Gurmukhi", "Hang": "Hangul", "Hani": "Han",
	"Hano": "Hanunoo", "Hatr": "Hatran", "Hebr": "Hebrew", "Hira": "Hiragana", "Hluw": "Anatolian_Hieroglyphs",
	"Hmng": "Pahawh_Hmong", "Hmnp": "Nyiakeng_Puachue_Hmong", "Hung": "Old_Hungarian", "Ital": "Old_Italic",
	"Java": "Javanese", "Kali": "Kayah_Li", "Kana": "Katakana", "Kawi": "Kawi", "Khar": "Kharoshthi", "Khmr": "Khmer",
	"Khoj": "Khojki", "Kits": "Khitan_Small_Script", "Knda": "Kannada", "Kthi": "Kaithi", "Lana": "Tai_Tham",
	"Laoo": "Lao", "Latn": "Latin", "Lepc": "Lepcha", "Limb": "Limbu", "Lina": "Linear_A", "Linb": "Linear_B",
	"Lisu": "Lisu", "Lyci": "Lycian", "Lydi": "Lydian", "Mahj": "Mahajani", "Maka": "Makasar", "Mand": "Mandaic",
	"Mani": "Manichaean", "Marc": "Marchen", "Medf": "Medefaidrin", "Mend": "Mende_Kikakui", "Merc": "Meroitic_Cursive",
	"Mero": "Meroitic_Hieroglyphs", "Mlym": "Malayalam", "Modi": "Modi", "Mong": "Mongolian", "Mroo": "Mro",
	"Mtei": "Meetei_Mayek", "Mult": "Multani", "Mymr": "Myanmar", "Nagm": "Nag_Mundari", "Nand": "Nandinagari",
	"Narb": "Old_North_Arabian", "Nbat": "Nabataean", "Newa": "Newa", "Nkoo": "Nko", "Nshu": "Nushu", "Ogam": "Ogham",
	"Olck": "Ol_Chiki", "Orkh": "Old_Turkic", "Orya": "Oriya", "Osge": "Osage", "Osma": "Osmanya",
	"Ougr": "Old_Uyghur", "Palm": "Palmyrene", "Pauc": "Pau_Cin_Hau", "Perm": "Old_Permic", "Phag": "Phags_Pa",
	"Phli": "Inscriptional_Pahlavi", "Phlp": "Psalter_Pahlavi", "Phnx": "Phoenician", "Plrd": "Miao",
	"Prti": "Inscriptional_Parthian", "Rjng": "Rejang", "Rohg": "Hanifi_Rohingya", "Runr": "Runic",
	"Samr": "Samaritan", "Sarb": "Old_South_Arabian", "Saur": "Saurashtra", "Sgnw": "SignWriting", "Shaw": "Shavian",
	"Shrd": "Sharada", "Sidd": "Siddham", "Sind": "Khudawadi", "Sinh": "Sinhala", "Sogd": "Sogdian",
	"Sogo": "Old_Sogdian", "Sora": "Sora_Sompeng", "Soyo": "Soyombo", "Sund": "Sundanese", "Sylo": "Syloti_Nagri",
	"Syrc": "Syriac", "Tagb": "Tagbanwa", "Takr": "Takri", "Tale": "Tai_Le", "Talu": "New_Tai_Lue", "Taml": "Tamil",
	"Tang": "Tangut", "Tavt": "Tai_Viet", "Telu": "Telugu", "Tfng": "Tifinagh", "Tglg": "Tagalog", "Thaa": "Thaana",
	"Thai": "Thai", "Tibt": "Tibetan", "Tirh": "Tirhuta", "Tnsa": "Tangsa", "Toto": "Toto", "Ugar": "Ugaritic",
	"Vaii": "Vai", "Vith": "Vithkuqi", "Wara": "Warang_Citi", "Wcho": "Wancho", "Xpeo": "Old_Persian",
	"Xsux": "Cuneiform", "Yezi": "Yezidi", "Yiii": "Yi", "Zanb": "Zanabazar_Square", "Zinh": "Inherited",
	"Qaai": "Inherited", "Zyyy": "Common", "Zzzz": "Unknown",
}
