/**
 * Demo data of the projects subgraph (shared): partnership projects, events and
 * expert-panel assessments. Companies are referred to by enterprise number
 * (companies/seed-data.ts) and Chengdu partners by credit code
 * (partners/seed-data.ts). Dates fit the demo's "today", 2026-11-28: completed
 * projects ended before it, active ones span it, proposed ones start after it.
 */
import { EventKind, PartnershipTheme, ProjectStatus } from '../kit/domain';

export interface ProjectSeed {
  key: string;
  title: string;
  summary: string;
  theme: PartnershipTheme;
  status: ProjectStatus;
  /** YYYY-MM-DD */
  startsOn?: string;
  /** YYYY-MM-DD */
  endsOn?: string;
  budgetEur?: number;
  leadOrganisation: 'vlaams-brabant' | 'smart-hub' | 'chengdu';
  /** enterprise numbers */
  companies: string[];
  /** credit codes */
  partners: string[];
}

export interface EventSeed {
  key: string;
  projectKey?: string;
  title: string;
  kind: EventKind;
  /** ISO-8601 with offset */
  startsAt: string;
  location: string;
  /** enterprise numbers */
  attendees: string[];
}

export interface AssessmentSeed {
  enterpriseNumber: string;
  /** YYYY-MM-DD */
  panelDate: string;
  marketFit: 1 | 2 | 3 | 4 | 5;
  recommendation: string;
}

export const PROJECTS: readonly ProjectSeed[] = [
  {
    key: 'pengzhou-kitchen-waste-digestion',
    title: 'Kitchen-waste digestion pilot in Pengzhou',
    summary:
      'Demonstrates Flemish anaerobic digestion and insect-based valorisation of restaurant kitchen waste at a Pengzhou treatment plant; the biomethane is injected into the local gas grid.',
    theme: PartnershipTheme.SMART_HUB_CLUSTERS,
    status: ProjectStatus.ACTIVE,
    startsOn: '2025-09-01',
    endsOn: '2027-06-30',
    budgetEur: 480_000,
    leadOrganisation: 'smart-hub',
    companies: [
      '0850.400.285', // Dijlevallei Biogas
      '0533.383.895', // Enzyvert
      '0605.286.631', // Rest-o-Feed
    ],
    partners: [
      '91510182MA6M5AU705', // Chengdu Pengyuan Kitchen Waste Treatment Co., Ltd.
      '5151010852061302XU', // Chengdu Solid Waste Resource Utilisation Association
      '12510115498685659H', // Tianfu College of Ecology and Environment
    ],
  },
  {
    key: 'dujiangyan-water-heritage',
    title: 'Water heritage: Dujiangyan and the Dijle valley',
    summary:
      'Compares more than 2,000 years of water management at Dujiangyan with the Dijle and Demer valleys, and tests modern leak detection, filtration and nature-based treatment in heritage-protected water systems.',
    theme: PartnershipTheme.HERITAGE,
    status: ProjectStatus.ACTIVE,
    startsOn: '2026-03-01',
    endsOn: '2027-12-31',
    budgetEur: 150_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0832.531.697', // AquaNova Filtration
      '0840.446.206', // Aquaduct Monitoring
      '0820.442.826', // Hydrobalance
    ],
    partners: [
      '115101810809267853', // Dujiangyan Water Affairs Bureau
      '12510181421768712Y', // Dujiangyan Institute of Water Culture
      '53510105527823732P', // Chengdu Tianfu Cultural Heritage Foundation
    ],
  },
  {
    key: 'qingbaijiang-flanders-desk',
    title: 'Flanders circular-economy desk in Qingbaijiang',
    summary:
      'A soft-landing desk in the Qingbaijiang Green Circular Industry Park where Flemish recycling companies can test equipment on local waste streams and meet investors.',
    theme: PartnershipTheme.FOREIGN_INVESTMENT,
    status: ProjectStatus.ACTIVE,
    startsOn: '2026-01-15',
    endsOn: '2027-01-14',
    budgetEur: 220_000,
    leadOrganisation: 'chengdu',
    companies: [
      '0872.453.632', // Groene Vonk Recycling
      '0810.682.052', // Plasticycle
      '0876.711.932', // Metarec
      '0723.483.012', // Lithorec
    ],
    partners: [
      '11510113089512757F', // Qingbaijiang Green Circular Industry Park Management Committee
      '11510113038578983T', // Qingbaijiang District Investment Promotion Bureau
      '91510113MA67TDTA45', // Chengdu Ronghuan Renewable Resources Co., Ltd.
    ],
  },
  {
    key: 'china-cleantech-2025',
    title: 'China Cleantech 2025',
    summary:
      'The 2025 edition of the interprovincial China Cleantech programme: expert panels, webinars, a sector day and a trade mission to Chengdu for young Flemish cleantech companies.',
    theme: PartnershipTheme.FOREIGN_INVESTMENT,
    status: ProjectStatus.COMPLETED,
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    budgetEur: 310_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0740.082.383', // Nanopor
      '0639.244.054', // Vitaqua Labs
      '0666.126.120', // Luchtwacht
      '0507.045.526', // Thermaflux
      '0870.512.246', // Odorex
      '0574.815.070', // Hagelandse Warmtenetten
      '0722.444.023', // Secondcell
      '0625.696.322', // Smartvolt
    ],
    partners: [
      '51510107543888659T', // Chengdu China-Europe Green Technology Promotion Association
      '91510107MA6GCA9969', // Chengdu Tianfu Sino-European Cleantech Services Co., Ltd.
    ],
  },
  {
    key: 'pidu-source-water-monitoring',
    title: 'Source-water protection monitoring in Pidu',
    summary:
      'Online sensors and rapid microbiological tests along the drinking-water source protection zone in Pidu, feeding an early-warning dashboard for the district.',
    theme: PartnershipTheme.LOCAL_GOVERNMENT,
    status: ProjectStatus.COMPLETED,
    startsOn: '2024-04-01',
    endsOn: '2025-10-31',
    budgetEur: 260_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0639.244.054', // Vitaqua Labs
      '0699.247.759', // Aquasense Diagnostics
      '0557.527.195', // Ozonix Water
    ],
    partners: [
      '11510117059030730F', // Pidu District Ecology and Environment Bureau
      '12510117499826660P', // Xishu University of Technology
    ],
  },
  {
    key: 'sichuan-medical-waste',
    title: 'On-site medical waste treatment for district hospitals',
    summary:
      'Installed on-site sterilisation units with odour control at three district hospitals and compared cost and emissions with central incineration.',
    theme: PartnershipTheme.SMART_HUB_CLUSTERS,
    status: ProjectStatus.COMPLETED,
    startsOn: '2024-09-01',
    endsOn: '2026-06-30',
    budgetEur: 390_000,
    leadOrganisation: 'smart-hub',
    companies: [
      '0816.933.703', // Mediwaste Solutions
      '0870.512.246', // Odorex
    ],
    partners: [
      '91510106MA6HMXLQXH', // Chengdu Kangjie Medical Waste Disposal Co., Ltd.
      '11510121070762940Q', // Jintang Green Environmental Industry Park Management Committee
    ],
  },
  {
    key: 'young-engineers-exchange-2026',
    title: 'Young engineers exchange Leuven–Chengdu 2026',
    summary:
      "Twelve young engineers from Flemish cleantech SMEs and Chengdu universities spent six weeks in each other's companies and laboratories.",
    theme: PartnershipTheme.PEOPLE_TO_PEOPLE,
    status: ProjectStatus.COMPLETED,
    startsOn: '2026-04-01',
    endsOn: '2026-10-15',
    budgetEur: 85_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0740.082.383', // Nanopor
      '0690.644.552', // Gridwise
      '0691.899.317', // Stratair Analytics
    ],
    partners: [
      '12510117499826660P', // Xishu University of Technology
      '12510115498685659H', // Tianfu College of Ecology and Environment
      '515101045572321677', // Chengdu Association for International People-to-People Friendship
    ],
  },
  {
    key: 'low-temperature-heat-twinning',
    title: 'Low-temperature heat networks: Shuangliu and Tienen',
    summary:
      'Twinning of two local governments on heat planning: a heat map of Shuangliu and a feasibility study for a low-temperature heat network fed by industrial waste heat.',
    theme: PartnershipTheme.LOCAL_GOVERNMENT,
    status: ProjectStatus.PROPOSED,
    startsOn: '2027-03-01',
    endsOn: '2028-12-31',
    budgetEur: 540_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0574.815.070', // Hagelandse Warmtenetten
      '0706.842.562', // Restwarmte Partners
      '0739.771.686', // Calorex Storage
      '0507.045.526', // Thermaflux
    ],
    partners: [
      '11510116053088376C', // Shuangliu District Investment Promotion Bureau
      '91510116MA6ND8CLXN', // Chengdu Tianfu Green Energy Heating Co., Ltd.
      '12510116457005776J', // Rongcheng Institute of Energy Technology
    ],
  },
  {
    key: 'longquanyi-microgrid',
    title: 'Microgrid and storage demonstrator in Longquanyi',
    summary:
      'A microgrid with rooftop solar, second-life batteries and a small electrolyser for a logistics hub in the Longquan low-carbon energy park, co-invested by Flemish and Chengdu companies.',
    theme: PartnershipTheme.FOREIGN_INVESTMENT,
    status: ProjectStatus.PROPOSED,
    startsOn: '2027-05-01',
    endsOn: '2029-04-30',
    budgetEur: 1_200_000,
    leadOrganisation: 'chengdu',
    companies: [
      '0831.208.242', // Solarbrug Energy
      '0722.444.023', // Secondcell
      '0432.077.392', // Elektrotechniek Dijleland
      '0725.660.958', // H2Brabant
    ],
    partners: [
      '91510112MA6NCUFF4W', // Chengdu Longquan Low-Carbon Energy Industry Park Operation Co., Ltd.
      '91510112MA67CGRA7K', // Chengdu Yineng New Energy Technology Co., Ltd.
      '91510114MA6E6EX60J', // Chengdu Rongdian Smart Grid Technology Co., Ltd.
    ],
  },
  {
    key: 'qionglai-distillery-wastewater',
    title: 'Distillery wastewater to biogas in Qionglai',
    summary:
      'Planned anaerobic treatment of liquor-distillery wastewater with biogas recovery. Cancelled when the host distillery postponed the upgrade of its treatment plant.',
    theme: PartnershipTheme.SMART_HUB_CLUSTERS,
    status: ProjectStatus.CANCELLED,
    startsOn: '2025-06-01',
    endsOn: '2026-05-31',
    budgetEur: 175_000,
    leadOrganisation: 'smart-hub',
    companies: [
      '0598.601.054', // Brewater
      '0839.832.136', // Slibtech
    ],
    partners: [
      '91510183MA6A6C731T', // Chengdu Linqiong Environmental Engineering Co., Ltd.
    ],
  },
  {
    key: 'xinjin-sludge-valorisation',
    title: 'Sludge drying and phosphorus recovery in Xinjin',
    summary:
      'Builds a sludge-drying line running on waste heat and a struvite reactor in the Xinjin water environment park, with membrane polishing of the effluent.',
    theme: PartnershipTheme.FOREIGN_INVESTMENT,
    status: ProjectStatus.ACTIVE,
    startsOn: '2026-06-01',
    endsOn: '2028-05-31',
    budgetEur: 640_000,
    leadOrganisation: 'chengdu',
    companies: [
      '0839.832.136', // Slibtech
      '0802.898.494', // Ecoslib
      '0881.215.801', // Zennevallei Waterzuivering
    ],
    partners: [
      '11510118027414756P', // Xinjin Water Environment Industry Park Management Committee
      '91510118MA637W4E6R', // Chengdu Jinze Sludge Treatment Co., Ltd.
    ],
  },
  {
    key: 'qingyang-heritage-clean-air',
    title: 'Clean air for the historic quarters of Qingyang',
    summary:
      'Air-quality sensors, a digital twin and photocatalytic test surfaces around historic streets in Qingyang, to protect heritage façades and visitors from traffic pollution.',
    theme: PartnershipTheme.HERITAGE,
    status: ProjectStatus.PROPOSED,
    startsOn: '2027-04-01',
    endsOn: '2028-03-31',
    budgetEur: 120_000,
    leadOrganisation: 'chengdu',
    companies: [
      '0666.126.120', // Luchtwacht
      '0691.899.317', // Stratair Analytics
      '0842.089.860', // Aerolab Emissions
      '0609.149.310', // Photoclean
    ],
    partners: [
      '53510105527823732P', // Chengdu Tianfu Cultural Heritage Foundation
      '91510105MA6E45XL88', // Chengdu Lantian Smart Monitoring Environmental Technology Co., Ltd.
    ],
  },
  {
    key: 'dayi-rural-drinking-water',
    title: 'Rural drinking water for the mountain villages of Dayi',
    summary:
      'Solar-powered purification units, pressure management and AI-assisted dosing for small rural water supply systems in Dayi county.',
    theme: PartnershipTheme.LOCAL_GOVERNMENT,
    status: ProjectStatus.ACTIVE,
    startsOn: '2026-02-01',
    endsOn: '2027-03-31',
    budgetEur: 290_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0616.162.212', // Aqualibra
      '0521.821.891', // Aquapulse
      '1013.182.222', // Hydrolink
      '0417.882.037', // Pompen Verhaegen
    ],
    partners: [
      '91510129MA6WK0WQ21', // Chengdu Dayi Shanquan Water Supply Co., Ltd.
      '91510115MA6RP0A020', // Chengdu Qingxi Water Purification Equipment Co., Ltd.
    ],
  },
  {
    key: 'china-cleantech-2026-2027',
    title: 'China Cleantech 2026–2027',
    summary:
      'The current edition of the China Cleantech programme: expert panels, webinars, a trade mission and the February 2027 sector event where pioneers share their China experience with newcomers.',
    theme: PartnershipTheme.FOREIGN_INVESTMENT,
    status: ProjectStatus.ACTIVE,
    startsOn: '2026-01-01',
    endsOn: '2027-06-30',
    budgetEur: 345_000,
    leadOrganisation: 'vlaams-brabant',
    companies: [
      '0832.531.697', // AquaNova Filtration
      '0830.780.353', // Calora Heat Pumps
      '0691.899.317', // Stratair Analytics
      '0598.601.054', // Brewater
      '0533.383.895', // Enzyvert
      '0723.483.012', // Lithorec
      '0616.162.212', // Aqualibra
      '0739.771.686', // Calorex Storage
      '0725.660.958', // H2Brabant
      '0605.286.631', // Rest-o-Feed
    ],
    partners: [
      '51510107543888659T', // Chengdu China-Europe Green Technology Promotion Association
      '91510107MA6GCA9969', // Chengdu Tianfu Sino-European Cleantech Services Co., Ltd.
      '515101045043930390', // Chengdu Water Saving and Treatment Industry Association
    ],
  },
  {
    key: 'jianyang-reusable-packaging',
    title: 'Reusable packaging for airport logistics in Jianyang',
    summary:
      'Pilot of pooled reusable crates and CO2 cold-chain units for fresh-food logistics around Tianfu International Airport in Jianyang.',
    theme: PartnershipTheme.SMART_HUB_CLUSTERS,
    status: ProjectStatus.PROPOSED,
    startsOn: '2027-09-01',
    endsOn: '2028-08-31',
    budgetEur: 210_000,
    leadOrganisation: 'smart-hub',
    companies: [
      '0629.485.062', // Loopcrate Logistics
      '0807.512.726', // Frigotherm
    ],
    partners: [
      '115101850958962754', // Jianyang Investment Promotion Bureau
    ],
  },
  {
    key: 'upcycled-design-exhibition',
    title: 'Upcycled: Flemish circular design in Chengdu',
    summary:
      'An exhibition and maker workshops on furniture, textiles and building blocks made from recycled and bio-based materials, hosted in Jinjiang.',
    theme: PartnershipTheme.PEOPLE_TO_PEOPLE,
    status: ProjectStatus.COMPLETED,
    startsOn: '2025-05-01',
    endsOn: '2025-11-30',
    budgetEur: 60_000,
    leadOrganisation: 'smart-hub',
    companies: [
      '0706.291.939', // Reform Design Studio
      '0635.408.990', // Vezelwerk
      '0599.377.945', // Hempbouw
    ],
    partners: [
      '515101045572321677', // Chengdu Association for International People-to-People Friendship
      '115101040065258369', // Foreign Affairs Office of the Jinjiang District Government
    ],
  },
  {
    key: 'chongzhou-waste-separation',
    title: 'Waste separation at source in Chongzhou',
    summary:
      'Proposed sorting centre and separate collection of household waste for Chongzhou. Cancelled after the city awarded the sorting centre to a national contractor.',
    theme: PartnershipTheme.LOCAL_GOVERNMENT,
    status: ProjectStatus.CANCELLED,
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
    budgetEur: 400_000,
    leadOrganisation: 'chengdu',
    companies: [
      '0425.286.897', // Vandersmissen Milieutechniek
      '0872.453.632', // Groene Vonk Recycling
    ],
    partners: [
      '11510184020490705P', // Chongzhou Urban Management Bureau
      '91510108MA639PG18J', // Chengdu Shuqing Environmental Technology Co., Ltd.
    ],
  },
];

export const EVENTS: readonly EventSeed[] = [
  {
    key: 'webinar-chinese-standards-2025',
    title: 'Webinar: Chinese discharge and drinking-water standards explained',
    kind: EventKind.WEBINAR,
    startsAt: '2025-02-11T10:00:00+01:00',
    location: 'Online (video conference)',
    attendees: [
      '0881.215.801', // Zennevallei Waterzuivering
      '0557.527.195', // Ozonix Water
      '0740.082.383', // Nanopor
      '0639.244.054', // Vitaqua Labs
      '0820.442.826', // Hydrobalance
      '0772.129.502', // Pomaqua
    ],
  },
  {
    key: 'panel-2025-spring',
    projectKey: 'china-cleantech-2025',
    title: 'China Cleantech expert panel – spring 2025',
    kind: EventKind.EXPERT_PANEL,
    startsAt: '2025-03-20T09:30:00+01:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0740.082.383', // Nanopor
      '0639.244.054', // Vitaqua Labs
      '0666.126.120', // Luchtwacht
      '0507.045.526', // Thermaflux
      '0870.512.246', // Odorex
      '0692.007.007', // Karbo Biochar
      '0820.442.826', // Hydrobalance
    ],
  },
  {
    key: 'webinar-ip-contracts-2025',
    projectKey: 'china-cleantech-2025',
    title: 'Webinar: protecting your IP and contracts in China',
    kind: EventKind.WEBINAR,
    startsAt: '2025-05-13T10:00:00+02:00',
    location: 'Online (video conference)',
    attendees: [
      '0740.082.383', // Nanopor
      '0507.045.526', // Thermaflux
      '0722.444.023', // Secondcell
      '0625.696.322', // Smartvolt
      '0666.126.120', // Luchtwacht
      '0533.383.895', // Enzyvert
    ],
  },
  {
    key: 'sector-day-2025',
    projectKey: 'china-cleantech-2025',
    title: 'China Cleantech sector day 2025',
    kind: EventKind.SECTOR_EVENT,
    startsAt: '2025-06-12T14:00:00+02:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0832.531.697', // AquaNova Filtration
      '0850.400.285', // Dijlevallei Biogas
      '0839.832.136', // Slibtech
      '0876.711.932', // Metarec
      '0740.082.383', // Nanopor
      '0870.512.246', // Odorex
      '0574.815.070', // Hagelandse Warmtenetten
      '0666.126.120', // Luchtwacht
      '0639.244.054', // Vitaqua Labs
    ],
  },
  {
    key: 'mission-chengdu-2025',
    projectKey: 'china-cleantech-2025',
    title: 'Trade mission to Chengdu 2025: waste and water',
    kind: EventKind.TRADE_MISSION,
    startsAt: '2025-09-22T09:00:00+08:00',
    location: 'Wuhou District, Chengdu',
    attendees: [
      '0832.531.697', // AquaNova Filtration
      '0881.215.801', // Zennevallei Waterzuivering
      '0872.453.632', // Groene Vonk Recycling
      '0740.082.383', // Nanopor
      '0870.512.246', // Odorex
      '0722.444.023', // Secondcell
    ],
  },
  {
    key: 'panel-2025-autumn',
    projectKey: 'china-cleantech-2025',
    title: 'China Cleantech expert panel – autumn 2025',
    kind: EventKind.EXPERT_PANEL,
    startsAt: '2025-10-16T09:30:00+02:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0722.444.023', // Secondcell
      '0625.696.322', // Smartvolt
      '0574.815.070', // Hagelandse Warmtenetten
      '0533.383.895', // Enzyvert
      '0605.286.631', // Rest-o-Feed
      '0657.043.158', // Regenbron
      '0616.162.212', // Aqualibra
    ],
  },
  {
    key: 'webinar-pidu-results',
    projectKey: 'pidu-source-water-monitoring',
    title: 'Pidu source-water monitoring: results and lessons learned',
    kind: EventKind.WEBINAR,
    startsAt: '2025-11-18T09:00:00+01:00',
    location: 'Online (video conference)',
    attendees: [
      '0639.244.054', // Vitaqua Labs
      '0699.247.759', // Aquasense Diagnostics
      '0557.527.195', // Ozonix Water
    ],
  },
  {
    key: 'panel-2026-spring',
    projectKey: 'china-cleantech-2026-2027',
    title: 'China Cleantech expert panel – spring 2026',
    kind: EventKind.EXPERT_PANEL,
    startsAt: '2026-03-19T09:30:00+01:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0598.601.054', // Brewater
      '0723.483.012', // Lithorec
      '0739.771.686', // Calorex Storage
      '0725.660.958', // H2Brabant
      '0665.628.549', // Reclay Materials
      '0666.126.120', // Luchtwacht
      '0521.821.891', // Aquapulse
    ],
  },
  {
    key: 'study-visit-qingbaijiang',
    projectKey: 'qingbaijiang-flanders-desk',
    title: 'Study visit to the Qingbaijiang Green Circular Industry Park',
    kind: EventKind.TRADE_MISSION,
    startsAt: '2026-04-14T09:00:00+08:00',
    location: 'Qingbaijiang District, Chengdu',
    attendees: [
      '0872.453.632', // Groene Vonk Recycling
      '0810.682.052', // Plasticycle
      '0876.711.932', // Metarec
      '0723.483.012', // Lithorec
      '0425.286.897', // Vandersmissen Milieutechniek
    ],
  },
  {
    key: 'webinar-heat-western-china',
    title: 'Webinar: district heating and cooling markets in western China',
    kind: EventKind.WEBINAR,
    startsAt: '2026-05-07T15:00:00+02:00',
    location: 'Online (video conference)',
    attendees: [
      '0574.815.070', // Hagelandse Warmtenetten
      '0706.842.562', // Restwarmte Partners
      '0739.771.686', // Calorex Storage
      '0507.045.526', // Thermaflux
      '0830.780.353', // Calora Heat Pumps
      '0432.077.392', // Elektrotechniek Dijleland
    ],
  },
  {
    key: 'water-heritage-symposium',
    projectKey: 'dujiangyan-water-heritage',
    title: 'Dujiangyan water heritage symposium',
    kind: EventKind.SECTOR_EVENT,
    startsAt: '2026-06-18T09:00:00+08:00',
    location: 'Dujiangyan, Chengdu',
    attendees: [
      '0832.531.697', // AquaNova Filtration
      '0840.446.206', // Aquaduct Monitoring
      '0820.442.826', // Hydrobalance
    ],
  },
  {
    key: 'young-engineers-showcase',
    projectKey: 'young-engineers-exchange-2026',
    title: 'Young engineers exchange: closing showcase',
    kind: EventKind.SECTOR_EVENT,
    startsAt: '2026-07-09T14:00:00+08:00',
    location: 'Pidu District, Chengdu',
    attendees: [
      '0740.082.383', // Nanopor
      '0690.644.552', // Gridwise
      '0691.899.317', // Stratair Analytics
    ],
  },
  {
    key: 'panel-2026-autumn',
    projectKey: 'china-cleantech-2026-2027',
    title: 'China Cleantech expert panel – autumn 2026',
    kind: EventKind.EXPERT_PANEL,
    startsAt: '2026-09-24T09:30:00+02:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '1013.182.222', // Hydrolink
      '0706.842.562', // Restwarmte Partners
      '1014.501.026', // Carbonlift
      '0467.289.382', // Stofvrij Industrial Filtration
      '0802.898.494', // Ecoslib
      '0862.234.087', // Sedimentec
      '0559.164.517', // Kwatt Energy Services
      '0772.129.502', // Pomaqua
    ],
  },
  {
    key: 'mission-chengdu-2026',
    projectKey: 'china-cleantech-2026-2027',
    title: 'Trade mission to Chengdu 2026: energy and heat',
    kind: EventKind.TRADE_MISSION,
    startsAt: '2026-10-13T09:00:00+08:00',
    location: 'Shuangliu District, Chengdu',
    attendees: [
      '0830.780.353', // Calora Heat Pumps
      '0832.531.697', // AquaNova Filtration
      '0598.601.054', // Brewater
      '0533.383.895', // Enzyvert
      '0739.771.686', // Calorex Storage
      '0725.660.958', // H2Brabant
      '0507.045.526', // Thermaflux
    ],
  },
  {
    key: 'webinar-kitchen-waste-results',
    projectKey: 'pengzhou-kitchen-waste-digestion',
    title: 'Pengzhou kitchen-waste pilot: first results',
    kind: EventKind.WEBINAR,
    startsAt: '2026-11-10T10:00:00+01:00',
    location: 'Online (video conference)',
    attendees: [
      '0850.400.285', // Dijlevallei Biogas
      '0533.383.895', // Enzyvert
      '0605.286.631', // Rest-o-Feed
      '0867.893.246', // Agromethaan
    ],
  },
  {
    key: 'webinar-water-tenders',
    projectKey: 'china-cleantech-2026-2027',
    title: 'Webinar: selling to Chinese water utilities – tenders and hygiene permits',
    kind: EventKind.WEBINAR,
    startsAt: '2026-12-08T14:00:00+01:00',
    location: 'Online (video conference)',
    attendees: [
      '0616.162.212', // Aqualibra
      '0740.082.383', // Nanopor
      '1013.182.222', // Hydrolink
      '0521.821.891', // Aquapulse
      '0699.247.759', // Aquasense Diagnostics
      '0639.244.054', // Vitaqua Labs
    ],
  },
  {
    key: 'sector-event-2027',
    projectKey: 'china-cleantech-2026-2027',
    title: 'China Cleantech sector event 2027: pioneers share their China experience',
    kind: EventKind.SECTOR_EVENT,
    startsAt: '2027-02-04T13:30:00+01:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0832.531.697', // AquaNova Filtration
      '0850.400.285', // Dijlevallei Biogas
      '0881.215.801', // Zennevallei Waterzuivering
      '0839.832.136', // Slibtech
      '0830.780.353', // Calora Heat Pumps
      '0816.933.703', // Mediwaste Solutions
      '0417.882.037', // Pompen Verhaegen
      '0598.601.054', // Brewater
      '0533.383.895', // Enzyvert
      '0723.483.012', // Lithorec
      '0616.162.212', // Aqualibra
      '0739.771.686', // Calorex Storage
      '0725.660.958', // H2Brabant
      '0605.286.631', // Rest-o-Feed
      '0740.082.383', // Nanopor
      '1013.182.222', // Hydrolink
    ],
  },
  {
    key: 'panel-2027-spring',
    projectKey: 'china-cleantech-2026-2027',
    title: 'China Cleantech expert panel – spring 2027',
    kind: EventKind.EXPERT_PANEL,
    startsAt: '2027-03-18T09:30:00+01:00',
    location: 'Provinciehuis Vlaams-Brabant, Provincieplein 1, 3010 Leuven',
    attendees: [
      '0609.149.310', // Photoclean
      '0635.408.990', // Vezelwerk
      '0643.100.793', // Agrisol
      '0725.544.360', // Wattson Analytics
      '0821.744.012', // Fontaqua
      '0719.409.111', // Demer Geothermie
    ],
  },
  {
    key: 'mission-chengdu-2027',
    projectKey: 'xinjin-sludge-valorisation',
    title: 'Trade mission to Chengdu 2027: water and sludge',
    kind: EventKind.TRADE_MISSION,
    startsAt: '2027-04-20T09:00:00+08:00',
    location: 'Xinjin District, Chengdu',
    attendees: [
      '0839.832.136', // Slibtech
      '0802.898.494', // Ecoslib
      '0881.215.801', // Zennevallei Waterzuivering
      '0862.234.087', // Sedimentec
      '0772.129.502', // Pomaqua
    ],
  },
  {
    key: 'webinar-microgrid-briefing',
    projectKey: 'longquanyi-microgrid',
    title: 'Longquanyi microgrid demonstrator: partner briefing',
    kind: EventKind.WEBINAR,
    startsAt: '2027-05-25T10:00:00+02:00',
    location: 'Online (video conference)',
    attendees: [
      '0831.208.242', // Solarbrug Energy
      '0722.444.023', // Secondcell
      '0432.077.392', // Elektrotechniek Dijleland
      '0725.660.958', // H2Brabant
    ],
  },
  {
    key: 'cluster-day-china-2027',
    title: 'Smart Hub cluster day: health, food and logistics meet Chengdu',
    kind: EventKind.SECTOR_EVENT,
    startsAt: '2027-09-16T14:00:00+02:00',
    location: 'Provinciehuis Vlaams-Brabant, Leuven',
    attendees: [
      '0816.933.703', // Mediwaste Solutions
      '0629.485.062', // Loopcrate Logistics
      '0807.512.726', // Frigotherm
      '0605.286.631', // Rest-o-Feed
      '0533.383.895', // Enzyvert
      '0557.527.195', // Ozonix Water
    ],
  },
];

export const ASSESSMENTS: readonly AssessmentSeed[] = [
  {
    enterpriseNumber: '0740.082.383', // Nanopor
    panelDate: '2025-03-20',
    marketFit: 3,
    recommendation:
      'PFAS removal is a growing topic in China, but utility tenders still focus on the conventional parameters of GB 5749-2022. Start with industrial pilots in electronics and chemical parks and look for a local membrane maker for licensed production.',
  },
  {
    enterpriseNumber: '0639.244.054', // Vitaqua Labs
    panelDate: '2025-03-20',
    marketFit: 4,
    recommendation:
      'Rapid testing fits the monitoring needs of district water utilities. Obtain the hygiene approval for water-related products, validate the test against the Chinese standard methods and join the Pidu source-water project.',
  },
  {
    enterpriseNumber: '0666.126.120', // Luchtwacht
    panelDate: '2025-03-20',
    marketFit: 2,
    recommendation:
      'Low-cost sensor networks face strong domestic competitors at lower prices. Come back once a data-service offer is ready: hardware sales alone are not competitive.',
  },
  {
    enterpriseNumber: '0507.045.526', // Thermaflux
    panelDate: '2025-03-20',
    marketFit: 4,
    recommendation:
      'Industrial heat decarbonisation is a priority in Sichuan. Target food and paper plants that need 80–150 °C process heat; prepare Chinese-language efficiency data and sign a local service partner before the trade mission.',
  },
  {
    enterpriseNumber: '0870.512.246', // Odorex
    panelDate: '2025-03-20',
    marketFit: 3,
    recommendation:
      'Odour complaints around wastewater and kitchen-waste plants are common in Chengdu. Work through an EPC contractor rather than selling directly, and expect strong price pressure on biofilters.',
  },
  {
    enterpriseNumber: '0692.007.007', // Karbo Biochar
    panelDate: '2025-03-20',
    marketFit: 1,
    recommendation:
      'Too early: production capacity is a single unit and biochar is not yet certified as a soil improver. Focus on the Flemish market and revisit in three years.',
  },
  {
    enterpriseNumber: '0820.442.826', // Hydrobalance
    panelDate: '2025-03-20',
    marketFit: 2,
    recommendation:
      "Nature-based treatment fits rural sanitation in Chengdu's outer counties, but land use and design standards differ. Take a knowledge-transfer role in a local-government project instead of selling equipment.",
  },
  {
    enterpriseNumber: '0722.444.023', // Secondcell
    panelDate: '2025-10-16',
    marketFit: 3,
    recommendation:
      'Second-life storage is attractive, but Chinese battery safety rules are strict and changing. Team up with a Chinese battery recycler and start with a demonstrator in an industrial park.',
  },
  {
    enterpriseNumber: '0625.696.322', // Smartvolt
    panelDate: '2025-10-16',
    marketFit: 2,
    recommendation:
      'The Chinese charging market is dominated by large domestic operators. Only the load-management software may find a niche; consider licensing it rather than entering the market.',
  },
  {
    enterpriseNumber: '0574.815.070', // Hagelandse Warmtenetten
    panelDate: '2025-10-16',
    marketFit: 3,
    recommendation:
      'Heat-network planning expertise is in demand in cities where space heating is new, but project finance is local. Offer design and feasibility studies to district governments through a twinning project.',
  },
  {
    enterpriseNumber: '0533.383.895', // Enzyvert
    panelDate: '2025-10-16',
    marketFit: 4,
    recommendation:
      "Strong fit with Sichuan's agri-food residues and its bioplastics policy. File Chinese patents on the enzyme process before any pilot, then join the Pengzhou kitchen-waste project.",
  },
  {
    enterpriseNumber: '0605.286.631', // Rest-o-Feed
    panelDate: '2025-10-16',
    marketFit: 3,
    recommendation:
      'Insect protein from food waste is only allowed for some feed uses in China; check the feed-ingredient catalogue first. Pilot within the Pengzhou kitchen-waste project.',
  },
  {
    enterpriseNumber: '0657.043.158', // Regenbron
    panelDate: '2025-10-16',
    marketFit: 1,
    recommendation:
      'Rainwater reuse products are low-tech and made cheaply in China. Entry is not recommended; focus on the Belgian and Dutch markets.',
  },
  {
    enterpriseNumber: '0616.162.212', // Aqualibra
    panelDate: '2025-10-16',
    marketFit: 5,
    recommendation:
      "Excellent fit with rural drinking-water programmes in Chengdu's mountain counties. Obtain the hygiene permit for water purification equipment and join the Dayi rural drinking water project as technology supplier.",
  },
  {
    enterpriseNumber: '0598.601.054', // Brewater
    panelDate: '2026-03-19',
    marketFit: 4,
    recommendation:
      'Liquor distilleries in Qionglai and elsewhere in Sichuan need compact wastewater treatment. Adapt the reactor to high-strength baijiu wastewater, translate the references into Chinese and find a local EPC partner.',
  },
  {
    enterpriseNumber: '0723.483.012', // Lithorec
    panelDate: '2026-03-19',
    marketFit: 5,
    recommendation:
      'Battery recycling is a strategic sector in Sichuan, close to lithium mining and battery plants. Protect the process with Chinese patents, then test it at the Qingbaijiang circular park where investors have shown interest.',
  },
  {
    enterpriseNumber: '0739.771.686', // Calorex Storage
    panelDate: '2026-03-19',
    marketFit: 3,
    recommendation:
      'Thermal storage fits the time-of-use electricity tariffs in Sichuan, but the product is not yet certified. Finish CE and Chinese safety testing first, then join the trade mission on energy and heat.',
  },
  {
    enterpriseNumber: '0725.660.958', // H2Brabant
    panelDate: '2026-03-19',
    marketFit: 2,
    recommendation:
      'Chinese electrolyser makers are far ahead on cost. Focus on control software and niche applications; a joint venture is the only realistic route.',
  },
  {
    enterpriseNumber: '0665.628.549', // Reclay Materials
    panelDate: '2026-03-19',
    marketFit: 1,
    recommendation: 'Mineral wool waste is not collected separately in China and volumes per site are small. Not recommended for now.',
  },
  {
    enterpriseNumber: '0666.126.120', // Luchtwacht
    panelDate: '2026-03-19',
    marketFit: 3,
    recommendation:
      'The new data-service offer answers the 2025 feedback. Approach district ecology and environment bureaus together with a local data partner; the sensors need certification under Chinese monitoring standards.',
  },
  {
    enterpriseNumber: '0521.821.891', // Aquapulse
    panelDate: '2026-03-19',
    marketFit: 4,
    recommendation:
      'Leakage reduction is a national target for Chinese water utilities. Demonstrate the valves in the Dayi rural drinking water project and deliver the software in Chinese.',
  },
  {
    enterpriseNumber: '1013.182.222', // Hydrolink
    panelDate: '2026-09-24',
    marketFit: 4,
    recommendation:
      'AI-assisted dosing saves chemicals at plants that must meet class 1A of GB 18918-2002. Find a pilot plant through the Xinjin park and host the data in China to comply with data-export rules.',
  },
  {
    enterpriseNumber: '0706.842.562', // Restwarmte Partners
    panelDate: '2026-09-24',
    marketFit: 3,
    recommendation:
      'Waste-heat recovery is supported by industrial energy-saving policy, but heat networks are rare in Chengdu. Start with single-site recovery projects in industrial parks.',
  },
  {
    enterpriseNumber: '1014.501.026', // Carbonlift
    panelDate: '2026-09-24',
    marketFit: 2,
    recommendation:
      'Interesting technology but too early to export without an industrial reference. Build a Flemish demonstrator first and follow the CCUS incentives of the national carbon market.',
  },
  {
    enterpriseNumber: '0467.289.382', // Stofvrij Industrial Filtration
    panelDate: '2026-09-24',
    marketFit: 3,
    recommendation:
      'Ultra-low emission rules for cement and steel create demand, but the market is mature and price-driven. Target high-end filter applications and partner with an established Chinese filter maker.',
  },
  {
    enterpriseNumber: '0802.898.494', // Ecoslib
    panelDate: '2026-09-24',
    marketFit: 4,
    recommendation:
      'Phosphorus recovery matches the sludge-disposal problem in Chengdu. Join the Xinjin sludge project and check the registration rules for struvite as a fertiliser.',
  },
  {
    enterpriseNumber: '0862.234.087', // Sedimentec
    panelDate: '2026-09-24',
    marketFit: 3,
    recommendation:
      'River and lake sediment remediation is a large market in Sichuan, but tenders favour state-owned contractors. Offer technology and monitoring as a subcontractor.',
  },
  {
    enterpriseNumber: '0559.164.517', // Kwatt Energy Services
    panelDate: '2026-09-24',
    marketFit: 1,
    recommendation: 'The ESCO model relies on Belgian financing and subsidies that do not transfer to China. Not recommended.',
  },
  {
    enterpriseNumber: '0772.129.502', // Pomaqua
    panelDate: '2026-09-24',
    marketFit: 2,
    recommendation:
      "Wash-water reuse is relevant for Pujiang's fruit growers, but installations are small and prices low. Consider licensing the design to a local equipment maker.",
  },
];
