import { type Check, fail, ok } from '../../kit/validation/check';

/**
 * Chengdu's 20 county-level divisions: 12 districts (区), 3 counties (县) and
 * 5 county-level cities (市). The Chengdu Hi-tech Zone, Tianfu New Area and
 * Eastern New Area are functional zones that overlap these divisions; they are
 * not divisions themselves.
 */

export type DistrictKind = 'district' | 'county' | 'city';

export interface District {
  /** Administrative division code (GB/T 2260), e.g. "510107". */
  readonly code: string;
  /** Chinese name with its suffix, e.g. "武侯区". */
  readonly chinese: string;
  /** Pinyin without tone marks or suffix, the canonical form, e.g. "Wuhou". */
  readonly pinyin: string;
  readonly kind: DistrictKind;
}

const KIND_BY_SUFFIX: Readonly<Record<string, DistrictKind>> = { 区: 'district', 县: 'county', 市: 'city' };

const d = (code: string, chinese: string, pinyin: string): District =>
  Object.freeze({ code, chinese, pinyin, kind: KIND_BY_SUFFIX[chinese.slice(-1)] });

export const CHENGDU_DISTRICTS: readonly District[] = Object.freeze([
  d('510104', '锦江区', 'Jinjiang'),
  d('510105', '青羊区', 'Qingyang'),
  d('510106', '金牛区', 'Jinniu'),
  d('510107', '武侯区', 'Wuhou'),
  d('510108', '成华区', 'Chenghua'),
  d('510112', '龙泉驿区', 'Longquanyi'),
  d('510113', '青白江区', 'Qingbaijiang'),
  d('510114', '新都区', 'Xindu'),
  d('510115', '温江区', 'Wenjiang'),
  d('510116', '双流区', 'Shuangliu'),
  d('510117', '郫都区', 'Pidu'),
  d('510118', '新津区', 'Xinjin'),
  d('510121', '金堂县', 'Jintang'),
  d('510129', '大邑县', 'Dayi'),
  d('510131', '蒲江县', 'Pujiang'),
  d('510181', '都江堰市', 'Dujiangyan'),
  d('510182', '彭州市', 'Pengzhou'),
  d('510183', '邛崃市', 'Qionglai'),
  d('510184', '崇州市', 'Chongzhou'),
  d('510185', '简阳市', 'Jianyang'),
]);

/**
 * Lookup key: NFC, lower case, tone marks removed, and spaces, hyphens,
 * apostrophes and dots dropped ("Long-quan-yi", "Lóngquányì" -> "longquanyi").
 * A leading "Chengdu"/"成都市"/"成都" is dropped too ("Chengdu Wuhou District").
 */
function key(input: string): string {
  const k = input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2013'’.,·]+/g, '');
  return k.replace(/^(chengdushi|chengdu|成都市|成都)(?=.)/u, '');
}

/** Pinyin and English suffixes accepted after a pinyin name, longest first. */
const PINYIN_SUFFIXES = ['district', 'county', 'city', 'xian', 'shi', 'qu'] as const;

const BY_KEY = new Map<string, District>();
for (const district of CHENGDU_DISTRICTS) {
  BY_KEY.set(key(district.pinyin), district);
  BY_KEY.set(district.chinese, district);
  BY_KEY.set(district.chinese.slice(0, -1), district); // 武侯 for 武侯区
}
const BY_CODE: ReadonlyMap<string, District> = new Map(CHENGDU_DISTRICTS.map((x) => [x.code, x]));

const ZONE = (name: string) =>
  `${name} is a functional zone, not a county-level division; give the district, county or city the address lies in (e.g. Wuhou or Shuangliu)`;
const NOT_DIVISIONS = new Map<string, string>();
for (const k of [
  '高新区',
  '高新技术产业开发区',
  '高新技术开发区',
  'gaoxin',
  'gaoxinqu',
  'gaoxinzone',
  'gaoxindistrict',
  'hitechzone',
  'hightechzone',
  'hitechdistrict',
  'hightechdistrict',
  'hitech',
  'hightech',
  'cdht',
  'hitechindustrialdevelopmentzone',
  'hightechindustrialdevelopmentzone',
])
  NOT_DIVISIONS.set(k, ZONE('the Chengdu Hi-tech Zone'));
for (const k of ['天府新区', '四川天府新区', 'tianfunewarea', 'tianfunewdistrict', 'tianfuxinqu', 'tianfu', 'sichuantianfunewarea'])
  NOT_DIVISIONS.set(k, ZONE('Tianfu New Area'));
for (const k of ['东部新区', 'easternnewarea', 'dongbunewarea', 'dongbuxinqu', 'easternnewdistrict']) {
  NOT_DIVISIONS.set(k, ZONE('the Chengdu Eastern New Area'));
}
// Former names of divisions that were renamed when they became districts.
for (const [k, reason] of [
  ['郫县', 'Pixian (郫县) became Pidu District (郫都区) in 2016; use Pidu'],
  ['pixian', 'Pixian (郫县) became Pidu District (郫都区) in 2016; use Pidu'],
  ['pixiancounty', 'Pixian (郫县) became Pidu District (郫都区) in 2016; use Pidu'],
  ['新津县', 'Xinjin County became Xinjin District (新津区) in 2020; use Xinjin'],
  ['双流县', 'Shuangliu County became Shuangliu District (双流区) in 2015; use Shuangliu'],
] as const)
  NOT_DIVISIONS.set(k, reason);

/** The division for a pinyin or Chinese name (see checkDistrict), or undefined. */
export function findDistrict(input: string): District | undefined {
  const k = key(input.trim());
  const direct = BY_KEY.get(k);
  if (direct) return direct;
  for (const suffix of PINYIN_SUFFIXES) {
    if (k.length > suffix.length && k.endsWith(suffix)) {
      const found = BY_KEY.get(k.slice(0, -suffix.length));
      // Only pinyin names take a Latin suffix ("Wuhou District", "Wuhou Qu").
      if (found && /^[a-z]+$/.test(k)) return found;
    }
  }
  return undefined;
}

/** The division with this six-digit code, e.g. "510107" -> Wuhou, or undefined. */
export function districtByCode(code: string): District | undefined {
  return BY_CODE.get(code.trim());
}

/**
 * Accepts pinyin in any letter case, with or without tone marks and spaces
 * ("Wuhou", "WUHOU", "Wǔhóu"), optionally followed by District/County/City or
 * Qu/Xian/Shi ("Wuhou District", "Wuhou Qu"), or the Chinese name with or
 * without its suffix ("武侯区", "武侯"). Returns the canonical pinyin ("Wuhou").
 */
export function checkDistrict(input: string): Check {
  const found = findDistrict(input);
  if (found) return ok(found.pinyin);
  const k = key(input.trim());
  const known = NOT_DIVISIONS.get(k) ?? NOT_DIVISIONS.get(k.replace(/(district|zone|area)$/, ''));
  if (known) return fail(known);
  return fail("must be one of Chengdu's 20 districts, counties or county-level cities, in pinyin or Chinese, e.g. Wuhou or 武侯区");
}
