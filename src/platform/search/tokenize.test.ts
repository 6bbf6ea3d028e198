import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indexTokens,
  MAX_QUERY_TOKENS,
  MAX_WORD_LENGTH,
  normalize,
  queryTokens,
  WHOLE_WORD_PREFIX,
} from './tokenize.ts';

/** What `column @> required` decides in SQL, evaluated in memory. */
function matches(document: string, query: string): boolean {
  const { required } = queryTokens(query);
  const tokens = new Set(indexTokens(document));
  return required.length > 0 && required.every((t) => tokens.has(t));
}

const isSubset = (a: readonly string[], b: readonly string[]): boolean => {
  const set = new Set(b);
  return a.every((t) => set.has(t));
};

// A small syllable alphabet makes repeated bigrams and particles likely.
const syllable = fc.constantFrom(...'가나다라요양보호사경리용접공을를은는에서으로의도만과와이자바');
const anySyllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const hangulWord = fc
  .array(fc.oneof(syllable, anySyllable), { minLength: 1, maxLength: 8 })
  .map((s) => s.join(''));
const separator = fc.constantFrom(' ', ', ', '·', '(', ') ', '\n', ' Java ', '/', ' 3년 ', 'ㆍ', '　');
// Every BMP code unit (lone surrogates included), astral characters, and
// characters the tokenizer special-cases.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  anySyllable,
  fc.constantFrom(
    'c',
    'f',
    '+',
    '#',
    '.',
    'net',
    'ㄱ',
    'ㅏ',
    'ﾡ',
    'ￂ',
    '㉠',
    'ᄀ',
    'ᅡ',
    'ㆍ',
    '\uFE0F',
    ' ',
    'İ',
  ),
);
const unicodeText = fc.array(unit, { maxLength: 40 }).map((u) => u.join(''));

describe('normalize', () => {
  it('folds width and case, strips punctuation and collapses whitespace', () => {
    expect(normalize('  Ｊａｖａ　개발자!!  (정규직)\n\t우대 ')).toBe('java 개발자 정규직 우대');
    expect(normalize('CO₂ 용접공')).toBe('co2 용접공');
  });

  it('keeps the allow-listed c++, c#, f# and .net', () => {
    expect(normalize('C++, C#, F# 및 ASP.NET 개발')).toBe('c++ c# f# 및 asp .net 개발');
    expect(normalize('abc++ c#d vb.network')).toBe('abc c d vb network');
  });

  it('keeps Hangul compatibility jamo instead of composing them', () => {
    expect(normalize('ㅋㅋ ㄱㅏ')).toBe('ㅋㅋ ㄱㅏ');
    expect(normalize('ﾡ ㉠')).toBe('ㄱ ㄱ');
  });

  it('treats ㆍ (araea used as a middle dot) as a separator', () => {
    expect(normalize('경리ㆍ회계')).toBe('경리 회계');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(unicodeText, (s) => normalize(normalize(s)) === normalize(s)));
  });
});

describe('indexTokens', () => {
  it('emits whole words, bigrams and particle-stripped stems', () => {
    expect(indexTokens('요양보호사를 모집')).toEqual([
      'w:요양보호사를',
      '요양',
      '양보',
      '보호',
      '호사',
      '사를',
      'w:요양보호사',
      'w:모집',
      '모집',
    ]);
  });

  it('splits words at Hangul boundaries and keeps numbers', () => {
    expect(indexTokens('CO2용접공 3년')).toEqual(['w:co2', 'w:용접공', '용접', '접공', 'w:3', 'w:년']);
  });

  it('strips a particle only when the stem keeps two syllables', () => {
    expect(indexTokens('경리를')).toContain('w:경리');
    expect(indexTokens('사무실에서')).toContain('w:사무실');
    expect(indexTokens('집을')).toEqual(['w:집을', '집을']);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(indexTokens('')).toEqual([]);
    expect(indexTokens(' !!! ~~ ㆍ ')).toEqual([]);
  });

  it('never emits a whole-word token longer than MAX_WORD_LENGTH', () => {
    const long = 'a'.repeat(MAX_WORD_LENGTH + 1);
    expect(indexTokens(`${long} 요양`)).toEqual(['w:요양', '요양']);
  });

  it('never throws, and returns distinct tokens of the two namespaces', () => {
    fc.assert(
      fc.property(unicodeText, (s) => {
        const tokens = indexTokens(s);
        expect(new Set(tokens).size).toBe(tokens.length);
        for (const t of tokens) {
          const bigram = t.length === 2 && /^[가-힣]{2}$/.test(t);
          expect(bigram || (t.startsWith(WHOLE_WORD_PREFIX) && t.length > 2)).toBe(true);
          expect(t.length).toBeLessThanOrEqual(MAX_WORD_LENGTH + WHOLE_WORD_PREFIX.length);
        }
      }),
    );
  });
});

describe('queryTokens', () => {
  it('makes one group per word, a two-syllable word being one bigram', () => {
    expect(queryTokens('요양 보호사 서울').groups).toEqual([['요양'], ['보호', '호사'], ['서울']]);
    expect(queryTokens('집 Java CO2').groups).toEqual([['w:집'], ['w:java'], ['w:co2']]);
  });

  it('ranks with whole words and the bigram across adjacent words', () => {
    const q = queryTokens('요양 보호사');
    expect(q.bonus).toEqual(expect.arrayContaining(['w:요양', 'w:보호사', '양보']));
    expect(q.bonus.filter((t) => q.required.includes(t))).toEqual([]);
  });

  it('returns no groups for a query without letters or digits', () => {
    expect(queryTokens('  ?! ')).toEqual({ groups: [], required: [], bonus: [] });
  });

  it('strips only unambiguous particles from query words', () => {
    expect(queryTokens('요양보호사를').required).toEqual(['요양', '양보', '보호', '호사']);
    // 가 and 도 end real nouns (전문가, 경기도): stripping them would match too much.
    expect(queryTokens('전문가').required).toEqual(['전문', '문가']);
    expect(queryTokens('경기도').required).toEqual(['경기', '기도']);
  });

  it('caps the tokens of a huge query', () => {
    const q = queryTokens('가나다라마바사아자차카타파하'.repeat(20));
    expect(q.required.length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
    expect(q.bonus.length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
  });

  it('never throws, and whatever a text asks for it contains itself', () => {
    fc.assert(fc.property(unicodeText, (s) => isSubset(queryTokens(s).required, indexTokens(s))));
  });
});

describe('matching', () => {
  it.each([
    ['요양보호사 (재가)', '요양'],
    ['요양보호사 (재가)', '보호사'],
    ['요양보호사 (재가)', '요양보호사'],
    ['경리사무원 채용', '경리'],
    ['CO2 용접공', '용접'],
    ['CO2 용접공', 'co2 용접'],
    ['java 개발자', 'Java'],
    ['JAVA 개발자', 'java 개발'],
    ['Ｃ＋＋ 게임 서버', 'c++'],
    ['ASP.NET 개발자', '.net'],
    ['서울 강남구 요양보호사', '요양 보호사 서울'],
    ['요양보호사를 모집합니다', '요양보호사'],
    ['요양보호사 모집', '요양보호사를'],
    ['주방 보조 3년 이상', '3년'],
    // A known false positive of bigrams; ranking puts 자바 above 자바라.
    ['자바라 생산직', '자바'],
  ])('%s matches %s', (doc, q) => {
    expect(matches(doc, q)).toBe(true);
  });

  it.each([
    ['JavaScript 개발자', 'java'],
    ['부산 요양보호사', '요양 보호사 서울'],
    ['요양원 보호자 상담', '보호사'],
    ['집수리 기사', '집'],
    ['경리 사무원', '경리 용접'],
    ['c 언어', 'c++'],
  ])('%s does not match %s', (doc, q) => {
    expect(matches(doc, q)).toBe(false);
  });
});

describe('properties', () => {
  const document = fc
    .tuple(
      fc.array(hangulWord, { minLength: 1, maxLength: 6 }),
      fc.array(separator, { minLength: 6, maxLength: 6 }),
    )
    .map(([words, seps]) => ({ words, text: words.map((w, i) => `${w}${seps[i] ?? ' '}`).join('') }));
  // A run of ≥ 2 syllables cut out of one of the document's words.
  const pick = (words: readonly string[]) =>
    fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([w, start, len]) => {
      const word = words[w % words.length] ?? '';
      if (word.length < 2) return undefined;
      const from = start % (word.length - 1);
      return word.slice(from, from + 2 + (len % (word.length - from - 1)));
    });

  it('a substring of ≥ 2 syllables of a document word asks only for tokens the document has', () => {
    fc.assert(
      fc.property(
        document.chain((doc) => fc.tuple(fc.constant(doc), pick(doc.words))),
        ([doc, sub]) => {
          fc.pre(sub !== undefined);
          expect(isSubset(queryTokens(sub ?? '').required, indexTokens(doc.text))).toBe(true);
        },
      ),
    );
  });

  it('several such substrings, as a multi-word query, still match', () => {
    fc.assert(
      fc.property(
        document.chain((doc) =>
          fc.tuple(fc.constant(doc), fc.array(pick(doc.words), { minLength: 1, maxLength: 4 })),
        ),
        ([doc, subs]) => {
          const query = subs.filter((s) => s !== undefined).join(' ');
          fc.pre(query.length > 0);
          expect(matches(doc.text, query)).toBe(true);
        },
      ),
    );
  });

  it('Latin words match regardless of case', () => {
    const latin = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/);
    fc.assert(
      fc.property(latin, latin, hangulWord, (word, other, korean) => {
        const doc = `${korean} ${word} ${other}`;
        expect(indexTokens(doc.toUpperCase())).toEqual(indexTokens(doc.toLowerCase()));
        expect(matches(doc.toLowerCase(), word.toUpperCase())).toBe(true);
        expect(matches(doc.toUpperCase(), word.toLowerCase())).toBe(true);
      }),
    );
  });
});
