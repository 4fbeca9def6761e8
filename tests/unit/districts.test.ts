import { describe, it, expect } from 'vitest';
import { CHENGDU_DISTRICTS, checkDistrict, districtByCode, findDistrict } from '../../subgraphs/partners/validation/districts';
import { refusal } from '../helpers/expect';

const reason = (input: string) => refusal(checkDistrict, input);

const EXPECTED: [string, string, string][] = [
  ['510104', '锦江区', 'Jinjiang'],
  ['510105', '青羊区', 'Qingyang'],
  ['510106', '金牛区', 'Jinniu'],
  ['510107', '武侯区', 'Wuhou'],
  ['510108', '成华区', 'Chenghua'],
  ['510112', '龙泉驿区', 'Longquanyi'],
  ['510113', '青白江区', 'Qingbaijiang'],
  ['510114', '新都区', 'Xindu'],
  ['510115', '温江区', 'Wenjiang'],
  ['510116', '双流区', 'Shuangliu'],
  ['510117', '郫都区', 'Pidu'],
  ['510118', '新津区', 'Xinjin'],
  ['510121', '金堂县', 'Jintang'],
  ['510129', '大邑县', 'Dayi'],
  ['510131', '蒲江县', 'Pujiang'],
  ['510181', '都江堰市', 'Dujiangyan'],
  ['510182', '彭州市', 'Pengzhou'],
  ['510183', '邛崃市', 'Qionglai'],
  ['510184', '崇州市', 'Chongzhou'],
  ['510185', '简阳市', 'Jianyang'],
];

describe('CHENGDU_DISTRICTS', () => {
  it('lists the 20 county-level divisions with code, Chinese name and pinyin', () => {
    expect(CHENGDU_DISTRICTS.map((d) => [d.code, d.chinese, d.pinyin])).toEqual(EXPECTED);
  });

  it('derives the kind from the Chinese suffix: 12 districts, 3 counties, 5 cities', () => {
    const count = (k: string) => CHENGDU_DISTRICTS.filter((d) => d.kind === k).length;
    expect([count('district'), count('county'), count('city')]).toEqual([12, 3, 5]);
    expect(districtByCode('510121')?.kind).toBe('county');
    expect(districtByCode('510181')?.kind).toBe('city');
    expect(districtByCode('510107')?.kind).toBe('district');
  });
});

describe('checkDistrict', () => {
  it('accepts every pinyin name and every Chinese name', () => {
    for (const [, chinese, pinyin] of EXPECTED) {
      expect(checkDistrict(pinyin)).toEqual({ ok: true, value: pinyin });
      expect(checkDistrict(chinese)).toEqual({ ok: true, value: pinyin });
    }
  });

  it('accepts pinyin in any letter case, trimmed', () => {
    expect(checkDistrict('wuhou')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('WUHOU')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('  qingBaiJiang ')).toEqual({ ok: true, value: 'Qingbaijiang' });
  });

  it('accepts pinyin with spaces, hyphens, apostrophes or tone marks', () => {
    expect(checkDistrict('Long Quan Yi')).toEqual({ ok: true, value: 'Longquanyi' });
    expect(checkDistrict('Qing-bai-jiang')).toEqual({ ok: true, value: 'Qingbaijiang' });
    expect(checkDistrict('Wǔhóu')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict("Du'jiangyan")).toEqual({ ok: true, value: 'Dujiangyan' });
  });

  it('accepts pinyin followed by District/County/City or Qu/Xian/Shi', () => {
    expect(checkDistrict('Wuhou District')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('Wuhou Qu')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('wuhou district')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('Jintang County')).toEqual({ ok: true, value: 'Jintang' });
    expect(checkDistrict('Dayi Xian')).toEqual({ ok: true, value: 'Dayi' });
    expect(checkDistrict('Dujiangyan City')).toEqual({ ok: true, value: 'Dujiangyan' });
    expect(checkDistrict('Jianyang Shi')).toEqual({ ok: true, value: 'Jianyang' });
    expect(checkDistrict('Chengdu Wuhou District')).toEqual({ ok: true, value: 'Wuhou' });
  });

  it('accepts Chinese names with or without suffix and with a 成都市 prefix', () => {
    expect(checkDistrict('武侯区')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict('武侯')).toEqual({ ok: true, value: 'Wuhou' });
    expect(checkDistrict(' 都江堰市 ')).toEqual({ ok: true, value: 'Dujiangyan' });
    expect(checkDistrict('成都市武侯区')).toEqual({ ok: true, value: 'Wuhou' });
  });

  it('rejects the Hi-tech Zone and Tianfu New Area as functional zones', () => {
    for (const zone of [
      'Hi-tech Zone',
      'High-tech Zone',
      'hi-tech zone',
      'Chengdu Hi-tech Zone',
      '高新区',
      '成都高新区',
      'Gaoxin',
      'Tianfu New Area',
      'tianfu new area',
      '天府新区',
      '四川天府新区',
      'Tianfu New District',
      'Tianfu',
      '东部新区',
      'Eastern New Area',
    ]) {
      const r = reason(zone);
      expect(r, zone).toMatch(/functional zone, not a county-level division/);
    }
    expect(reason('Tianfu New Area')).toMatch(/^Tianfu New Area is/);
  });

  it('rejects suffixes on Chinese names and unknown names', () => {
    for (const bad of ['Chengdu', '成都', 'Wuhou Road', 'Wuho', '武侯区区', 'Jinniu Qux', 'Leuven', '', '  ']) {
      expect(reason(bad), bad).toMatch(/one of Chengdu's 20 districts/);
    }
  });

  it('rejects the former Pixian with a pointer to Pidu', () => {
    expect(reason('Pixian')).toMatch(/became Pidu District .* use Pidu/);
    expect(reason('郫县')).toMatch(/use Pidu/);
  });
});

describe('districtByCode / findDistrict', () => {
  it('finds a division by its code', () => {
    expect(districtByCode('510107')).toEqual({ code: '510107', chinese: '武侯区', pinyin: 'Wuhou', kind: 'district' });
    expect(districtByCode(' 510185 ')?.pinyin).toBe('Jianyang');
    expect(districtByCode('510100')).toBeUndefined();
    expect(districtByCode('510109')).toBeUndefined();
  });

  it('finds a division by name', () => {
    expect(findDistrict('Jinniu District')?.code).toBe('510106');
    expect(findDistrict('Hi-tech Zone')).toBeUndefined();
  });
});
