// Labels of the dashboard in Dutch, English and Chinese. Names and descriptions
// of the data itself come from the graph (name(lang:), description(lang:)).

export const LANGS = ['NL', 'EN', 'ZH'];
export const LOCALES = { NL: 'nl-BE', EN: 'en-GB', ZH: 'zh-CN' };

const UI = {
  title: ['partnerhub', 'partnerhub', 'partnerhub'],
  subtitle: [
    'Vlaams-Brabant × Chengdu: China Cleantech en de partnerschappen',
    'Vlaams-Brabant × Chengdu: China Cleantech and the partnership',
    '弗拉芒布拉班特省 × 成都：中国清洁技术项目与友好合作',
  ],
  companies: ['Bedrijven', 'Companies', '企业'],
  partners: ['Partners in Chengdu', 'Chengdu partners', '成都合作伙伴'],
  projects: ['Projecten', 'Projects', '项目'],
  upcomingEvents: ['Komende activiteiten', 'Upcoming events', '即将举行的活动'],
  byDomain: ['Bedrijven per cleantechdomein', 'Companies per cleantech domain', '按清洁技术领域划分的企业'],
  byChinaStatus: ['Bedrijven per China-status', 'Companies per China status', '按中国市场状态划分的企业'],
  clusterMembership: ['Leden per Smart Hub-cluster', 'Members per Smart Hub cluster', '智慧中心各产业集群成员'],
  projectsByTheme: ['Projecten per thema', 'Projects per theme', '按合作主题划分的项目'],
  projectsByStatus: ['Projecten per status', 'Projects per status', '按状态划分的项目'],
  nextEvents: ['Volgende activiteiten', 'Next events', '近期活动'],
  search: ['Zoek bedrijven en partners', 'Search companies and partners', '搜索企业和合作伙伴'],
  signInWith: ['Aanmelden bij uw organisatie', 'Sign in with your organisation', '通过所属机构登录'],
  signIn: ['Aanmelden', 'Sign in', '登录'],
  signInFailed: ['Aanmelden mislukt', 'Sign-in failed', '登录失败'],
  token: ['Token (ontwikkeling)', 'Token (development)', '令牌（开发用）'],
  useToken: ['Gebruik', 'Use', '使用'],
  signOut: ['Afmelden', 'Sign out', '退出登录'],
  anonymous: ['anoniem: afgeschermde velden zijn verborgen', 'anonymous: restricted fields are hidden', '匿名访问：受限字段已隐藏'],
  signedInAs: ['aangemeld als', 'signed in as', '当前身份'],
  explorer: ['GraphQL-verkenner', 'GraphQL explorer', 'GraphQL 浏览器'],
  pickOne: [
    'Kies een bedrijf of partner om de details te zien.',
    'Pick a company or partner to see its details.',
    '选择一家企业或合作伙伴以查看详情。',
  ],
  noResults: ['Geen resultaten', 'No results', '无结果'],
  none: ['geen', 'none', '无'],
  loading: ['laden…', 'loading…', '加载中…'],
  loadedIn: ['geladen in', 'loaded in', '加载用时'],
  enterpriseNumber: ['Ondernemingsnummer', 'Enterprise number', '企业编号'],
  municipality: ['Gemeente', 'Municipality', '市镇'],
  employees: ['Werknemers', 'Employees', '员工人数'],
  founded: ['Opgericht', 'Founded', '成立年份'],
  website: ['Website', 'Website', '网站'],
  contact: ['Contact', 'Contact', '联系人'],
  contactHidden: ['Meld u aan om het contact te zien.', 'Sign in to see the contact.', '请登录以查看联系人。'],
  purpose: ['Doel', 'Purpose', '用途'],
  noPurpose: ['geen doel opgegeven', 'no purpose declared', '未声明用途'],
  PURPOSE_MISSING: [
    'Kies een doel om contactgegevens van een andere organisatie te zien.',
    'Choose a purpose to see another organisation’s contacts.',
    '请选择用途以查看其他机构的联系人。',
  ],
  NO_AGREEMENT: [
    'Geen deelovereenkomst van kracht geeft uw organisatie deze gegevens.',
    'No sharing agreement in force gives your organisation this data.',
    '没有有效的数据共享协议允许贵机构获取这些数据。',
  ],
  PURPOSE_NOT_COVERED: [
    'De overeenkomsten van kracht dekken dit doel niet:',
    'The agreements in force do not cover this purpose:',
    '现行协议不涵盖此用途：',
  ],
  AGREEMENTS_UNAVAILABLE: [
    'De overeenkomsten kunnen nu niet nagekeken worden; er wordt niets getoond.',
    'The agreements cannot be checked right now, so nothing is shown.',
    '暂时无法核对共享协议，因此不显示任何内容。',
  ],
  chinaStatus: ['China-status', 'China status', '中国市场状态'],
  domains: ['Cleantechdomeinen', 'Cleantech domains', '清洁技术领域'],
  clusters: ['Clusters', 'Clusters', '产业集群'],
  projectsOf: ['Projecten', 'Projects', '参与项目'],
  suggestedPartners: ['Voorgestelde partners in Chengdu', 'Suggested Chengdu partners', '推荐的成都合作伙伴'],
  score: ['score', 'score', '匹配度'],
  sharedDomains: ['gedeelde domeinen', 'shared domains', '共同领域'],
  creditCode: ['Kredietcode (USCC)', 'Credit code (USCC)', '统一社会信用代码'],
  kind: ['Soort', 'Kind', '类型'],
  district: ['District', 'District', '区县'],
  themes: ['Thema’s', 'Themes', '合作主题'],
  sme: ['kmo', 'SME', '中小企业'],
  tokenRejected: ['Het token werd geweigerd', 'The token was rejected', '令牌被拒绝'],
  failed: ['De graph antwoordde met een fout', 'The graph answered with an error', '查询出错'],
  notFound: ['Niet gevonden', 'Not found', '未找到'],
  company: ['Bedrijf', 'Company', '企业'],
  agreements: ['Deelovereenkomsten', 'Sharing agreements', '数据共享协议'],
  agreementsIntro: [
    'Overeenkomsten die uw organisatie gaf (haar gegevens) en ontving; alleen stewards van de eigenaar verlenen en trekken in.',
    'Agreements your organisation gave (on its data) and received; only the owner’s stewards grant and revoke.',
    '贵机构授予（本机构数据）和获得的协议；只有数据所有方的管理员可以授予和撤销。',
  ],
  given: ['Gegeven', 'Given', '已授予'],
  received: ['Ontvangen', 'Received', '已获得'],
  dataSet: ['Gegevensset', 'Data set', '数据集'],
  grantor: ['Eigenaar', 'Grantor', '授权方'],
  grantee: ['Ontvanger', 'Grantee', '被授权方'],
  purposes: ['Doelen', 'Purposes', '用途'],
  validity: ['Geldig', 'Valid', '有效期'],
  legalBasis: ['Rechtsgrond', 'Legal basis', '法律依据'],
  status: ['Status', 'Status', '状态'],
  version: ['Versie', 'Version', '版本'],
  crossBorder: ['grensoverschrijdend', 'cross-border', '跨境'],
  statusActive: ['van kracht', 'in force', '生效中'],
  statusRevoked: ['ingetrokken', 'revoked', '已撤销'],
  statusExpired: ['verlopen', 'expired', '已过期'],
  statusPending: ['nog niet van kracht', 'not yet in force', '尚未生效'],
  revoke: ['Intrekken', 'Revoke', '撤销'],
  confirmRevoke: ['Bevestig intrekken', 'Confirm revoke', '确认撤销'],
  grant: ['Toegang verlenen', 'Grant access', '授予访问权限'],
  validFrom: ['Vanaf (leeg: nu)', 'From (empty: now)', '生效时间（留空：立即）'],
  validUntil: ['Tot en met', 'Until', '截止日期'],
  granted: ['Verleend', 'Granted', '已授予'],
  revokedNow: ['Ingetrokken', 'Revoked', '已撤销'],
  conflict: [
    'Versieconflict: de overeenkomst werd intussen gewijzigd. De lijst is herladen; kijk ze na en probeer opnieuw.',
    'Version conflict: the agreement changed in the meantime. The list has been reloaded; check it and try again.',
    '版本冲突：该协议已被更改。列表已重新加载，请核对后重试。',
  ],
  refused: ['Geweigerd', 'Refused', '被拒绝'],
  partner: ['Partner', 'Partner', '合作伙伴'],
};

const ENUMS = {
  WASTE_PROCESSING: ['Afvalverwerking', 'Waste processing', '废物处理'],
  DRINKING_WATER: ['Drinkwater', 'Drinking water', '饮用水供应'],
  WATER_TREATMENT: ['Waterzuivering', 'Water treatment', '水处理'],
  ENERGY_PRODUCTION: ['Energieproductie', 'Energy production', '能源生产'],
  HEAT_PRODUCTION: ['Warmteproductie', 'Heat production', '热能生产'],
  CIRCULAR_MATERIALS: ['Circulaire materialen', 'Circular materials', '循环材料'],
  AIR_QUALITY: ['Luchtkwaliteit', 'Air quality', '空气质量'],
  SMART_GRIDS: ['Slimme netten', 'Smart grids', '智能电网'],
  NOT_ACTIVE: ['Niet actief', 'Not active', '未进入'],
  EXPLORING: ['Verkennend', 'Exploring', '探索中'],
  ACTIVE: ['Actief', 'Active', '已进入'],
  FOREIGN_INVESTMENT: ['Buitenlandse investeringen', 'Foreign investment', '外商投资'],
  SMART_HUB_CLUSTERS: ['Smart Hub-clusters', 'Smart Hub clusters', '智慧中心产业集群'],
  PEOPLE_TO_PEOPLE: ['Uitwisseling', 'People to people', '人文交流'],
  HERITAGE: ['Erfgoed', 'Heritage', '文化遗产'],
  LOCAL_GOVERNMENT: ['Lokale besturen', 'Local government', '地方政府合作'],
  PROPOSED: ['Voorgesteld', 'Proposed', '拟议'],
  COMPLETED: ['Afgerond', 'Completed', '已完成'],
  CANCELLED: ['Geannuleerd', 'Cancelled', '已取消'],
  COMPANY: ['Bedrijf', 'Company', '企业'],
  GOVERNMENT: ['Overheid', 'Government', '政府机构'],
  UNIVERSITY: ['Universiteit', 'University', '大学'],
  INDUSTRIAL_PARK: ['Bedrijvenpark', 'Industrial park', '产业园区'],
  ASSOCIATION: ['Vereniging', 'Association', '协会'],
  SECTOR_EVENT: ['Sectorevent', 'Sector event', '行业活动'],
  EXPERT_PANEL: ['Expertpanel', 'Expert panel', '专家评审会'],
  TRADE_MISSION: ['Handelsmissie', 'Trade mission', '贸易代表团'],
  WEBINAR: ['Webinar', 'Webinar', '网络研讨会'],
  COMPANY_CONTACTS: ['Contactpersonen van bedrijven', 'Company contacts', '企业联系人'],
  PARTNER_CONTACTS: ['Contactpersonen van partners', 'Partner contacts', '合作伙伴联系人'],
  EU: ['EU (AVG)', 'EU (GDPR)', '欧盟（GDPR）'],
  CN: ['China (PIPL)', 'China (PIPL)', '中国（个人信息保护法）'],
  MATCHMAKING: ['Matchmaking', 'Matchmaking', '企业对接'],
  PROJECT_COORDINATION: ['Projectcoördinatie', 'Project coordination', '项目协调'],
  EVENT_ORGANISATION: ['Organisatie van activiteiten', 'Event organisation', '活动组织'],
  STATISTICS: ['Statistiek', 'Statistics', '统计'],
};

// Project status ACTIVE reads differently from China status ACTIVE.
const PROJECT_STATUS = { ACTIVE: ['Lopend', 'Ongoing', '进行中'] };

const index = (lang) => Math.max(0, LANGS.indexOf(lang));

/** A label of the page. */
export function t(lang, key) {
  return UI[key]?.[index(lang)] ?? key;
}

/** The label of an enum value (cleantech domain, status, theme, kind). */
export function label(lang, value, kind) {
  if (kind === 'projectStatus' && PROJECT_STATUS[value]) return PROJECT_STATUS[value][index(lang)];
  return ENUMS[value]?.[index(lang)] ?? value;
}
