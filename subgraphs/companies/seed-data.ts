/**
 * Demo data of the companies subgraph (owner: vlaams-brabant): fictional young
 * cleantech companies in the 63 municipalities of Vlaams-Brabant. Names, numbers,
 * websites and contacts are invented; enterprise numbers pass the mod-97 check
 * (normalised form, 0-series by founding period, 1-series for the newest).
 * Other subgraphs' seeds refer to these companies by enterprise number.
 */
import { ChinaStatus, CleantechDomain } from '../kit/domain';

export interface CompanySeed {
  enterpriseNumber: string;
  name: string;
  municipality: string;
  postalCode: string;
  website?: string;
  foundedYear?: number;
  employees: number;
  cleantechDomains: CleantechDomain[];
  chinaStatus: ChinaStatus;
  descriptionNl: string;
  descriptionEn: string;
  descriptionZh?: string;
  contact?: { name: string; email: string; phone?: string };
}

export const COMPANIES: readonly CompanySeed[] = [
  {
    enterpriseNumber: '0832.531.697',
    name: 'AquaNova Filtration',
    municipality: 'Leuven',
    postalCode: '3001',
    website: 'https://www.aquanova-filtration.be',
    foundedYear: 2012,
    employees: 28,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Ontwikkelt keramische membraanfilters voor drinkwaterproductie en het hergebruik van proceswater. Heeft sinds 2019 een installatie in bedrijf bij een waterbedrijf in Sichuan.',
    descriptionEn:
      'Develops ceramic membrane filters for drinking water production and process water reuse. Has operated an installation at a Sichuan water utility since 2019.',
    descriptionZh: '开发用于饮用水生产和工艺水回用的陶瓷膜过滤器，自2019年起在四川一家水务公司运行设备。',
    contact: { name: 'Sofie Claes', email: 'sofie.claes@aquanova-filtration.be', phone: '+32 16 23 93 54' },
  },
  {
    enterpriseNumber: '0850.400.285',
    name: 'Dijlevallei Biogas',
    municipality: 'Rotselaar',
    postalCode: '3118',
    website: 'https://www.dijlevalleibiogas.be',
    foundedYear: 2009,
    employees: 34,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Bouwt en exploiteert vergistingsinstallaties die gft- en voedselafval omzetten in biomethaan en digestaat. Levert sinds 2022 vergisters aan een afvalverwerker in Chengdu.',
    descriptionEn:
      'Builds and operates digesters that turn organic and food waste into biomethane and digestate. Has supplied digesters to a waste processor in Chengdu since 2022.',
    descriptionZh: '建设并运营厌氧消化设施，将有机垃圾和餐厨垃圾转化为生物甲烷和沼渣。自2022年起向成都一家垃圾处理企业供应消化设备。',
    contact: { name: 'Pieter Janssens', email: 'pieter.janssens@dijlevalleibiogas.be', phone: '+32 495 17 61 94' },
  },
  {
    enterpriseNumber: '0574.815.070',
    name: 'Hagelandse Warmtenetten',
    municipality: 'Tienen',
    postalCode: '3300',
    website: 'https://www.warmtenet-hageland.be',
    foundedYear: 2015,
    employees: 22,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwerpt en beheert lagetemperatuurwarmtenetten voor woonwijken en bedrijventerreinen, gevoed door restwarmte en warmtepompen.',
    descriptionEn:
      'Designs and operates low-temperature district heating networks for housing estates and business parks, fed by waste heat and heat pumps.',
    contact: { name: 'Lies Maes', email: 'lies@warmtenet-hageland.be', phone: '+32 16 61 50 63' },
  },
  {
    enterpriseNumber: '0774.046.043',
    name: 'Pajot Biobased',
    municipality: 'Pajottegem',
    postalCode: '1755',
    website: 'https://www.pajotbiobased.be',
    foundedYear: 2018,
    employees: 14,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Verwerkt stro en bermgras tot biobased isolatieplaten voor renovatie.',
    descriptionEn:
      'Processes straw and roadside grass into bio-based insulation boards for renovation.',
    contact: { name: 'Bram Peeters', email: 'bram.peeters@pajotbiobased.be', phone: '+32 497 20 63 70' },
  },
  {
    enterpriseNumber: '0881.215.801',
    name: 'Zennevallei Waterzuivering',
    municipality: 'Halle',
    postalCode: '1500',
    website: 'https://www.zennevallei-water.be',
    foundedYear: 2004,
    employees: 61,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Levert compacte membraanbioreactoren (MBR) voor de zuivering van industrieel en huishoudelijk afvalwater. Heeft referentie-installaties in Chengdu en Chongqing.',
    descriptionEn:
      'Supplies compact membrane bioreactors (MBR) for industrial and domestic wastewater treatment, with reference plants in Chengdu and Chongqing.',
    descriptionZh: '提供用于工业及生活污水处理的紧凑型膜生物反应器（MBR），在成都和重庆拥有示范工程。',
    contact: { name: 'Tom Jacobs', email: 'tom.jacobs@zennevallei-water.be' },
  },
  {
    enterpriseNumber: '0666.126.120',
    name: 'Luchtwacht',
    municipality: 'Vilvoorde',
    postalCode: '1800',
    website: 'https://www.luchtwacht.be',
    foundedYear: 2017,
    employees: 19,
    cleantechDomains: [CleantechDomain.AIR_QUALITY, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Plaatst netwerken van goedkope luchtkwaliteitssensoren voor fijnstof en NO2 en koppelt de metingen aan een open dataplatform voor steden.',
    descriptionEn:
      'Deploys networks of low-cost air quality sensors for particulate matter and NO2, linked to an open data platform for cities.',
    contact: { name: 'Elke Mertens', email: 'elke@luchtwacht.be', phone: '+32 476 64 68 79' },
  },
  {
    enterpriseNumber: '0831.208.242',
    name: 'Solarbrug Energy',
    municipality: 'Zaventem',
    postalCode: '1930',
    website: 'https://www.solarbrug.be',
    foundedYear: 2011,
    employees: 45,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Combineert zonnepanelen met batterijopslag en eigen energiebeheersoftware voor logistieke centra en industriële daken. Actief in China via een joint venture in Sichuan.',
    descriptionEn:
      'Combines rooftop solar with battery storage and in-house energy management software for logistics centres and industrial roofs. Active in China through a joint venture in Sichuan.',
    descriptionZh: '为物流中心和工业屋顶提供光伏与电池储能相结合的方案及自主研发的能源管理软件，通过在四川的合资企业开展中国业务。',
    contact: { name: 'Jeroen Willems', email: 'jeroen.willems@solarbrug.be', phone: '+32 2 744 92 79' },
  },
  {
    enterpriseNumber: '0719.409.111',
    name: 'Demer Geothermie',
    municipality: 'Diest',
    postalCode: '3290',
    website: 'https://www.demergeo.be',
    foundedYear: 2019,
    employees: 11,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ontwerpt ondiepe geothermische boorveldsystemen met warmtepompen voor scholen, zorgcentra en kantoren.',
    descriptionEn:
      'Designs shallow geothermal borefield systems with heat pumps for schools, care homes and offices.',
    contact: { name: 'Katrien Goossens', email: 'katrien.goossens@demergeo.be', phone: '+32 495 58 70 51' },
  },
  {
    enterpriseNumber: '0872.453.632',
    name: 'Groene Vonk Recycling',
    municipality: 'Machelen',
    postalCode: '1830',
    website: 'https://www.groenevonk.be',
    foundedYear: 2008,
    employees: 88,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Bouwt sorteerlijnen met nabij-infraroodherkenning voor kunststof- en verpakkingsafval. Levert sinds 2020 sorteerlijnen aan recyclagebedrijven in West-China.',
    descriptionEn:
      'Builds sorting lines with near-infrared recognition for plastic and packaging waste. Has supplied sorting lines to recyclers in western China since 2020.',
    descriptionZh: '制造采用近红外识别技术的塑料及包装废弃物分选线，自2020年起向中国西部的回收企业供货。',
    contact: { name: 'Wouter Vermeulen', email: 'wouter@groenevonk.be', phone: '+32 2 682 29 88' },
  },
  {
    enterpriseNumber: '0639.244.054',
    name: 'Vitaqua Labs',
    municipality: 'Oud-Heverlee',
    postalCode: '3053',
    website: 'https://www.vitaqualabs.be',
    foundedYear: 2016,
    employees: 17,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwikkelt snelle microbiologische tests die E. coli en legionella in drinkwater binnen vier uur detecteren.',
    descriptionEn:
      'Develops rapid microbiological tests that detect E. coli and Legionella in drinking water within four hours.',
    descriptionZh: '开发快速微生物检测方法，可在四小时内检出饮用水中的大肠杆菌和军团菌。',
    contact: { name: 'Hanne De Smet', email: 'hanne.desmet@vitaqualabs.be' },
  },
  {
    enterpriseNumber: '0692.007.007',
    name: 'Karbo Biochar',
    municipality: 'Bertem',
    postalCode: '3060',
    website: 'https://www.karbo-biochar.be',
    foundedYear: 2020,
    employees: 8,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Zet groenafval en houtresten via pyrolyse om in biochar voor bodemverbetering en betonadditieven.',
    descriptionEn:
      'Converts green waste and wood residues by pyrolysis into biochar for soil improvement and concrete additives.',
    contact: { name: 'Dries Verhoeven', email: 'dries.verhoeven@karbo-biochar.be', phone: '+32 16 49 04 94' },
  },
  {
    enterpriseNumber: '0819.515.980',
    name: 'Windvang Engineering',
    municipality: 'Kortenberg',
    postalCode: '3070',
    website: 'https://www.windvang.be',
    foundedYear: 2010,
    employees: 26,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ontwerpt en onderhoudt kleine en middelgrote windturbines voor landbouwbedrijven en bedrijventerreinen.',
    descriptionEn:
      'Designs and maintains small and medium-sized wind turbines for farms and business parks.',
    contact: { name: 'Koen Van den Broeck', email: 'koen@windvang.be', phone: '+32 486 52 49 49' },
  },
  {
    enterpriseNumber: '0839.832.136',
    name: 'Slibtech',
    municipality: 'Aarschot',
    postalCode: '3200',
    website: 'https://www.slibtech.be',
    foundedYear: 2013,
    employees: 31,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Levert installaties voor het ontwateren en drogen van zuiveringsslib met restwarmte. Heeft een servicekantoor in Chengdu.',
    descriptionEn:
      'Supplies installations that dewater and dry sewage sludge using waste heat, with a service office in Chengdu.',
    descriptionZh: '提供利用余热进行污泥脱水和干化的成套设备，并在成都设有服务办事处。',
    contact: { name: 'Ines Lambrechts', email: 'ines.lambrechts@slibtech.be', phone: '+32 16 59 67 66' },
  },
  {
    enterpriseNumber: '0507.045.526',
    name: 'Thermaflux',
    municipality: 'Asse',
    postalCode: '1730',
    website: 'https://www.thermaflux.eu',
    foundedYear: 2014,
    employees: 23,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Bouwt industriële hogetemperatuurwarmtepompen die uit restwarmte proceswarmte tot 150 °C leveren.',
    descriptionEn:
      'Builds industrial high-temperature heat pumps that deliver process heat up to 150 °C from waste heat.',
    descriptionZh: '制造工业高温热泵，利用余热提供最高150 °C的工艺热。',
    contact: { name: 'Stijn Hermans', email: 'stijn.hermans@thermaflux.eu', phone: '+32 496 73 08 50' },
  },
  {
    enterpriseNumber: '0690.644.552',
    name: 'Gridwise',
    municipality: 'Leuven',
    postalCode: '3000',
    website: 'https://www.gridwise.be',
    foundedYear: 2018,
    employees: 42,
    cleantechDomains: [CleantechDomain.SMART_GRIDS, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Software voor flexibiliteitsbeheer die warmtepompen, laadpalen en batterijen aanstuurt om netcongestie te vermijden.',
    descriptionEn:
      'Flexibility management software that steers heat pumps, charge points and batteries to avoid grid congestion.',
    contact: { name: 'Charlotte Moens', email: 'charlotte@gridwise.be' },
  },
  {
    enterpriseNumber: '0657.043.158',
    name: 'Regenbron',
    municipality: 'Hoegaarden',
    postalCode: '3320',
    website: 'https://www.regenbron.be',
    foundedYear: 2016,
    employees: 9,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Levert systemen om regenwater op te vangen, te filteren en te hergebruiken in woningen en bedrijven.',
    descriptionEn:
      'Supplies systems to collect, filter and reuse rainwater in homes and businesses.',
    contact: { name: 'Thomas Claessens', email: 'thomas.claessens@regenbron.be', phone: '+32 485 46 00 45' },
  },
  {
    enterpriseNumber: '0863.581.496',
    name: 'Groenkring Compost',
    municipality: 'Lubbeek',
    postalCode: '3210',
    website: 'https://www.groenkring.be',
    foundedYear: 2005,
    employees: 16,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Composteert groenafval en gft uit de regio tot gecertificeerde compost voor land- en tuinbouw.',
    descriptionEn:
      'Composts green and organic waste from the region into certified compost for agriculture and horticulture.',
    contact: { name: 'Jan Leemans', email: 'jan.leemans@groenkring.be', phone: '+32 16 36 44 26' },
  },
  {
    enterpriseNumber: '0557.527.195',
    name: 'Ozonix Water',
    municipality: 'Tervuren',
    postalCode: '3080',
    website: 'https://www.ozonix.be',
    foundedYear: 2014,
    employees: 20,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.DRINKING_WATER],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Verwijdert microverontreinigingen zoals geneesmiddelresten uit afvalwater met ozon en uv. Levert via een Chinese distributeur aan ziekenhuizen en waterbedrijven.',
    descriptionEn:
      'Removes micropollutants such as pharmaceutical residues from wastewater using ozone and UV, supplying hospitals and water utilities through a Chinese distributor.',
    descriptionZh: '采用臭氧和紫外技术去除污水中的药物残留等微污染物，通过中国经销商向医院和水务公司供货。',
    contact: { name: 'Griet Vandenbussche', email: 'griet@ozonix.be', phone: '+32 477 40 54 61' },
  },
  {
    enterpriseNumber: '0467.289.382',
    name: 'Stofvrij Industrial Filtration',
    municipality: 'Dilbeek',
    postalCode: '1702',
    website: 'https://www.stofvrij.be',
    foundedYear: 1998,
    employees: 74,
    cleantechDomains: [CleantechDomain.AIR_QUALITY],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwerpt doekfilters en cyclonen die de stofemissies van cementfabrieken, houtverwerkers en metaalbedrijven beperken.',
    descriptionEn:
      'Designs bag filters and cyclones that cut dust emissions from cement plants, woodworking and metal companies.',
    contact: { name: 'Nathalie Dubois', email: 'nathalie.dubois@stofvrij.be', phone: '+32 2 207 52 47' },
  },
  {
    enterpriseNumber: '0739.771.686',
    name: 'Calorex Storage',
    municipality: 'Landen',
    postalCode: '3400',
    website: 'https://www.calorex.be',
    foundedYear: 2021,
    employees: 12,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwikkelt thermische batterijen op basis van zouthydraten die goedkope stroom als warmte opslaan voor gebouwen.',
    descriptionEn:
      'Develops salt-hydrate thermal batteries that store cheap electricity as heat for buildings.',
    contact: { name: 'Arne Vanderlinden', email: 'arne.vanderlinden@calorex.be' },
  },
  {
    enterpriseNumber: '0665.628.549',
    name: 'Reclay Materials',
    municipality: 'Londerzeel',
    postalCode: '1840',
    website: 'https://www.reclay.be',
    foundedYear: 2017,
    employees: 15,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Recycleert minerale wol en gipsplaatresten van bouwwerven tot grondstof voor nieuwe isolatie- en bouwmaterialen.',
    descriptionEn:
      'Recycles mineral wool and plasterboard offcuts from building sites into raw material for new insulation and building products.',
    contact: { name: 'Eva Verbruggen', email: 'eva@reclay.be', phone: '+32 52 26 57 24' },
  },
  {
    enterpriseNumber: '0840.446.206',
    name: 'Aquaduct Monitoring',
    municipality: 'Haacht',
    postalCode: '3150',
    website: 'https://www.aquaduct-monitoring.be',
    foundedYear: 2012,
    employees: 24,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Slimme watermeters en akoestische lekdetectie voor drinkwaternetten. Werkt sinds 2021 met een waterbedrijf in Chengdu aan het terugdringen van leidingverliezen.',
    descriptionEn:
      'Smart water meters and acoustic leak detection for drinking water networks. Has worked with a Chengdu water utility on reducing network losses since 2021.',
    descriptionZh: '为供水管网提供智能水表和声学漏损检测，自2021年起与成都一家水务公司合作降低管网漏损。',
    contact: { name: 'Maarten Wouters', email: 'maarten.wouters@aquaduct-monitoring.be', phone: '+32 485 24 89 89' },
  },
  {
    enterpriseNumber: '0892.534.711',
    name: 'Bio-Energie Hageland',
    municipality: 'Glabbeek',
    postalCode: '3380',
    website: 'https://www.bioenergiehageland.be',
    foundedYear: 2007,
    employees: 18,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.HEAT_PRODUCTION, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Installeert houtsnipperketels en kleine wkk-installaties die snoeihout en landbouwresten omzetten in warmte en stroom voor boerderijen.',
    descriptionEn:
      'Installs wood-chip boilers and small CHP units that turn pruning wood and farm residues into heat and power for farms.',
    contact: { name: 'Luc Vandeput', email: 'luc.vandeput@bioenergiehageland.be', phone: '+32 16 49 85 58' },
  },
  {
    enterpriseNumber: '0740.082.383',
    name: 'Nanopor',
    municipality: 'Leuven',
    postalCode: '3001',
    website: 'https://www.nanopor.eu',
    foundedYear: 2019,
    employees: 13,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.DRINKING_WATER],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Universitaire spin-off die nanofiltratiemembranen produceert om PFAS en nitraat uit water te verwijderen.',
    descriptionEn:
      'University spin-off producing nanofiltration membranes that remove PFAS and nitrate from water.',
    descriptionZh: '一家大学衍生企业，生产可去除水中全氟化合物（PFAS）和硝酸盐的纳滤膜。',
    contact: { name: 'Lotte Hendrickx', email: 'lotte@nanopor.eu', phone: '+32 496 22 45 52' },
  },
  {
    enterpriseNumber: '0510.249.791',
    name: 'Purair Solutions',
    municipality: 'Wemmel',
    postalCode: '1780',
    website: 'https://www.purair.be',
    foundedYear: 2015,
    employees: 10,
    cleantechDomains: [CleantechDomain.AIR_QUALITY],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Levert ventilatie- en luchtzuiveringsunits met CO2-sturing voor klaslokalen en kinderopvang.',
    descriptionEn:
      'Supplies CO2-controlled ventilation and air purification units for classrooms and childcare.',
    contact: { name: 'Julie Lambert', email: 'julie.lambert@purair.be' },
  },
  {
    enterpriseNumber: '0876.711.932',
    name: 'Metarec',
    municipality: 'Grimbergen',
    postalCode: '1850',
    website: 'https://www.metarec.be',
    foundedYear: 2003,
    employees: 95,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Recupereert koper, goud en zeldzame metalen uit elektronisch afval (AEEA). Heeft een verwerkingspartner in Sichuan.',
    descriptionEn:
      'Recovers copper, gold and rare metals from electronic waste (WEEE), with a processing partner in Sichuan.',
    descriptionZh: '从电子废弃物中回收铜、金和稀有金属，在四川设有合作处理企业。',
    contact: { name: 'Geert Van Damme', email: 'geert.vandamme@metarec.be', phone: '+32 497 87 36 86' },
  },
  {
    enterpriseNumber: '0625.696.322',
    name: 'Smartvolt',
    municipality: 'Sint-Pieters-Leeuw',
    postalCode: '1600',
    website: 'https://www.smartvolt.be',
    foundedYear: 2016,
    employees: 37,
    cleantechDomains: [CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Laadbeheersoftware en slimme laadpalen die het laden van bedrijfsvloten afstemmen op de netcapaciteit.',
    descriptionEn:
      'Charge management software and smart charge points that match the charging of company fleets to grid capacity.',
    contact: { name: 'Sarah Cools', email: 'sarah@smartvolt.be', phone: '+32 2 792 29 96' },
  },
  {
    enterpriseNumber: '0820.442.826',
    name: 'Hydrobalance',
    municipality: 'Beersel',
    postalCode: '1650',
    website: 'https://www.hydrobalance.be',
    foundedYear: 2010,
    employees: 21,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwerpt rietvelden en andere natuurgebaseerde zuiveringssystemen voor afgelegen woonkernen en campings.',
    descriptionEn:
      'Designs reed beds and other nature-based treatment systems for remote villages and campsites.',
    contact: { name: 'Kristof Martens', email: 'kristof.martens@hydrobalance.be', phone: '+32 471 20 53 94' },
  },
  {
    enterpriseNumber: '0533.383.895',
    name: 'Enzyvert',
    municipality: 'Tienen',
    postalCode: '3300',
    website: 'https://www.enzyvert.be',
    foundedYear: 2014,
    employees: 29,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Zet pulp en andere reststromen uit de suiker- en voedingsindustrie enzymatisch om in biogebaseerde kunststoffen.',
    descriptionEn:
      'Enzymatically converts pulp and other side streams from the sugar and food industry into bio-based plastics.',
    descriptionZh: '利用酶法将制糖和食品工业的甜菜渣等副产物转化为生物基塑料。',
    contact: { name: 'Eline Vos', email: 'eline.vos@enzyvert.be', phone: '+32 16 40 74 80' },
  },
  {
    enterpriseNumber: '0855.913.647',
    name: 'Dakzon',
    municipality: 'Tremelo',
    postalCode: '3120',
    website: 'https://www.dakzon.be',
    foundedYear: 2012,
    employees: 33,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Installeert zonnepanelen op stallen en loodsen van land- en tuinbouwbedrijven, inclusief de asbestsanering van het dak.',
    descriptionEn:
      'Installs solar panels on barns and sheds of farms and horticulture businesses, including asbestos removal from the roof.',
    contact: { name: 'Bart Smets', email: 'bart@dakzon.be' },
  },
  {
    enterpriseNumber: '0706.842.562',
    name: 'Restwarmte Partners',
    municipality: 'Vilvoorde',
    postalCode: '1800',
    website: 'https://www.restwarmtepartners.be',
    foundedYear: 2019,
    employees: 16,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Vangt restwarmte op bij industriële bedrijven en levert die via warmtenetten aan naburige gebouwen.',
    descriptionEn:
      'Captures waste heat at industrial sites and delivers it to neighbouring buildings through heat networks.',
    contact: { name: 'Ruben De Wit', email: 'ruben.dewit@restwarmtepartners.be', phone: '+32 2 446 72 13' },
  },
  {
    enterpriseNumber: '0699.247.759',
    name: 'Aquasense Diagnostics',
    municipality: 'Zaventem',
    postalCode: '1932',
    website: 'https://www.aquasense.be',
    foundedYear: 2020,
    employees: 7,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwikkelt online sensoren die chloor, troebelheid en pH in drinkwaternetten continu meten.',
    descriptionEn:
      'Develops online sensors that continuously measure chlorine, turbidity and pH in drinking water networks.',
    contact: { name: 'Yannick Renard', email: 'yannick.renard@aquasense.be', phone: '+32 470 79 32 74' },
  },
  {
    enterpriseNumber: '0810.682.052',
    name: 'Plasticycle',
    municipality: 'Steenokkerzeel',
    postalCode: '1820',
    website: 'https://www.plasticycle.be',
    foundedYear: 2013,
    employees: 52,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Zet gemengd plastic afval via pyrolyse om in grondstof voor de chemische industrie. Heeft een licentieovereenkomst met een Chinese partner.',
    descriptionEn:
      'Turns mixed plastic waste into feedstock for the chemical industry by pyrolysis, and has a licence agreement with a Chinese partner.',
    descriptionZh: '通过热解将混合塑料废弃物转化为化工原料，并与中国合作伙伴签有技术许可协议。',
    contact: { name: 'Annelies Wuyts', email: 'annelies@plasticycle.be', phone: '+32 2 320 31 61' },
  },
  {
    enterpriseNumber: '0725.660.958',
    name: 'H2Brabant',
    municipality: 'Kampenhout',
    postalCode: '1910',
    website: 'https://www.h2brabant.be',
    foundedYear: 2021,
    employees: 19,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Bouwt elektrolysers in containervorm die met lokale zonne- en windstroom groene waterstof produceren.',
    descriptionEn:
      'Builds containerised electrolysers that produce green hydrogen from local solar and wind power.',
    contact: { name: 'Michiel Jacobs', email: 'michiel.jacobs@h2brabant.be', phone: '+32 474 31 52 60' },
  },
  {
    enterpriseNumber: '0802.898.494',
    name: 'Ecoslib',
    municipality: 'Zemst',
    postalCode: '1980',
    website: 'https://www.ecoslib.be',
    foundedYear: 2011,
    employees: 14,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Wint fosfor terug uit zuiveringsslib en mestverwerking als struviet, een traag werkende meststof.',
    descriptionEn:
      'Recovers phosphorus from sewage sludge and manure processing as struvite, a slow-release fertiliser.',
    contact: { name: 'Veerle Aerts', email: 'veerle.aerts@ecoslib.be' },
  },
  {
    enterpriseNumber: '0812.696.088',
    name: 'Thermosun',
    municipality: 'Overijse',
    postalCode: '3090',
    website: 'https://www.thermosun.be',
    foundedYear: 2009,
    employees: 12,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Levert zonnecollectoren en warmteopslag voor serres, onder meer voor de tafeldruiventeelt in de streek.',
    descriptionEn:
      'Supplies solar thermal collectors and heat storage for greenhouses, including the region\'s table-grape growers.',
    contact: { name: 'Benoît Lemaire', email: 'benoit@thermosun.be', phone: '+32 486 51 63 00' },
  },
  {
    enterpriseNumber: '0870.512.246',
    name: 'Odorex',
    municipality: 'Kapelle-op-den-Bos',
    postalCode: '1880',
    website: 'https://www.odorex.be',
    foundedYear: 2006,
    employees: 27,
    cleantechDomains: [CleantechDomain.AIR_QUALITY, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Bouwt biofilters en chemische wassers die geurhinder rond waterzuiveringen en afvalverwerkers wegnemen.',
    descriptionEn:
      'Builds biofilters and chemical scrubbers that eliminate odour nuisance around wastewater plants and waste processors.',
    descriptionZh: '建造生物滤池和化学洗涤塔，消除污水处理厂和垃圾处理设施周边的异味。',
    contact: { name: 'Filip Peeters', email: 'filip.peeters@odorex.be', phone: '+32 15 23 12 67' },
  },
  {
    enterpriseNumber: '0706.291.939',
    name: 'Reform Design Studio',
    municipality: 'Leuven',
    postalCode: '3010',
    website: 'https://www.reformdesign.be',
    foundedYear: 2018,
    employees: 6,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ontwerpstudio die meubels en interieurpanelen maakt uit gerecycleerd plastic en textiel.',
    descriptionEn:
      'Design studio making furniture and interior panels from recycled plastics and textiles.',
    contact: { name: 'Lien Segers', email: 'lien.segers@reformdesign.be', phone: '+32 475 93 03 32' },
  },
  {
    enterpriseNumber: '0605.286.631',
    name: 'Rest-o-Feed',
    municipality: 'Lennik',
    postalCode: '1750',
    website: 'https://www.restofeed.be',
    foundedYear: 2017,
    employees: 11,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Kweekt zwarte soldatenvliegen op reststromen uit de voedingsindustrie en maakt er eiwitrijk diervoeder van.',
    descriptionEn:
      'Rears black soldier flies on food-industry side streams and turns them into protein-rich animal feed.',
    descriptionZh: '利用食品工业副产物养殖黑水虻，并将其加工成高蛋白饲料。',
    contact: { name: 'Joris Cornelis', email: 'joris@restofeed.be', phone: '+32 2 334 27 74' },
  },
  {
    enterpriseNumber: '0816.933.703',
    name: 'Mediwaste Solutions',
    municipality: 'Machelen',
    postalCode: '1831',
    website: 'https://www.mediwaste.be',
    foundedYear: 2010,
    employees: 40,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Levert installaties die ziekenhuisafval ter plaatse steriliseren en vermalen, zodat het als gewoon afval verwerkt kan worden. Heeft installaties in ziekenhuizen in Sichuan.',
    descriptionEn:
      'Supplies units that sterilise and shred hospital waste on site so that it can be handled as ordinary waste, with installations in Sichuan hospitals.',
    descriptionZh: '提供医院废物就地灭菌和粉碎设备，处理后可按一般垃圾处置，已在四川多家医院投入使用。',
    contact: { name: 'Caroline Dewulf', email: 'caroline.dewulf@mediwaste.be' },
  },
  {
    enterpriseNumber: '0629.485.062',
    name: 'Loopcrate Logistics',
    municipality: 'Meise',
    postalCode: '1861',
    website: 'https://www.loopcrate.be',
    foundedYear: 2016,
    employees: 38,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Beheert een pool van herbruikbare kratten en pallets met track-and-trace voor retail- en voedingslogistiek.',
    descriptionEn:
      'Runs a pool of reusable crates and pallets with track and trace for retail and food logistics.',
    contact: { name: 'Dieter Van Hoof', email: 'dieter.vanhoof@loopcrate.be', phone: '+32 2 531 13 10' },
  },
  {
    enterpriseNumber: '0807.512.726',
    name: 'Frigotherm',
    municipality: 'Kortenaken',
    postalCode: '3470',
    website: 'https://www.frigotherm.be',
    foundedYear: 2012,
    employees: 25,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Koelinstallaties met natuurlijke koudemiddelen (CO2) voor koelhuizen van fruit- en voedingsbedrijven, met recuperatie van de restwarmte.',
    descriptionEn:
      'Refrigeration plants with natural refrigerants (CO2) for fruit and food cold stores, recovering the waste heat.',
    contact: { name: 'Wim Geerts', email: 'wim@frigotherm.be', phone: '+32 496 94 79 87' },
  },
  {
    enterpriseNumber: '0598.601.054',
    name: 'Brewater',
    municipality: 'Boutersem',
    postalCode: '3370',
    website: 'https://www.brewater.be',
    foundedYear: 2015,
    employees: 9,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Anaerobe zuivering van brouwerij- en distilleerderijafvalwater, waarbij het biogas de brouwketel verwarmt.',
    descriptionEn:
      'Anaerobic treatment of brewery and distillery wastewater, with the biogas heating the brewing kettle.',
    descriptionZh: '对啤酒厂和白酒厂废水进行厌氧处理，产生的沼气用于加热酿造锅。',
    contact: { name: 'Sander Claes', email: 'sander.claes@brewater.be', phone: '+32 16 79 81 28' },
  },
  {
    enterpriseNumber: '0691.899.317',
    name: 'Stratair Analytics',
    municipality: 'Leuven',
    postalCode: '3001',
    website: 'https://www.stratair.eu',
    foundedYear: 2020,
    employees: 14,
    cleantechDomains: [CleantechDomain.AIR_QUALITY, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Maakt digitale tweelingen van de luchtkwaliteit in steden om verkeers- en ruimtelijke maatregelen door te rekenen. Voert een pilootproject uit in Chengdu.',
    descriptionEn:
      'Builds digital twins of urban air quality to assess traffic and planning measures, and runs a pilot project in Chengdu.',
    descriptionZh: '构建城市空气质量数字孪生模型，用于评估交通和规划措施，目前正在成都开展试点项目。',
    contact: { name: 'Ellen Michiels', email: 'ellen.michiels@stratair.eu', phone: '+32 489 89 22 13' },
  },
  {
    enterpriseNumber: '0464.651.180',
    name: 'Houtgoed Energie',
    municipality: 'Zoutleeuw',
    postalCode: '3440',
    website: 'https://www.houtgoed.be',
    foundedYear: 2002,
    employees: 20,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Produceert houtpellets en -briketten uit snoeihout en resthout van houtverwerkende bedrijven.',
    descriptionEn:
      'Produces wood pellets and briquettes from pruning wood and residues of wood-processing companies.',
    contact: { name: 'Marc Jorissen', email: 'marc@houtgoed.be' },
  },
  {
    enterpriseNumber: '0616.162.212',
    name: 'Aqualibra',
    municipality: 'Holsbeek',
    postalCode: '3220',
    website: 'https://www.aqualibra.be',
    foundedYear: 2017,
    employees: 8,
    cleantechDomains: [CleantechDomain.DRINKING_WATER],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwikkelt compacte drinkwaterunits op zonne-energie voor afgelegen dorpen en noodhulp.',
    descriptionEn:
      'Develops compact, solar-powered drinking water units for remote villages and emergency relief.',
    descriptionZh: '开发太阳能驱动的小型饮用水净化装置，适用于偏远村庄和应急救援。',
    contact: { name: 'Nele Van Roy', email: 'nele.vanroy@aqualibra.be', phone: '+32 486 79 12 59' },
  },
  {
    enterpriseNumber: '0830.780.353',
    name: 'Calora Heat Pumps',
    municipality: 'Herent',
    postalCode: '3020',
    website: 'https://www.calora.be',
    foundedYear: 2013,
    employees: 56,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Produceert lucht-waterwarmtepompen voor koude klimaten. Verkoopt sinds 2023 via een distributeur in Sichuan.',
    descriptionEn:
      'Manufactures air-to-water heat pumps for cold climates and has sold through a Sichuan distributor since 2023.',
    descriptionZh: '生产适用于寒冷气候的空气源热泵，自2023年起通过四川经销商销售。',
    contact: { name: 'Kevin Goris', email: 'kevin.goris@calora.be', phone: '+32 16 72 03 48' },
  },
  {
    enterpriseNumber: '0722.444.023',
    name: 'Secondcell',
    municipality: 'Ternat',
    postalCode: '1740',
    website: 'https://www.secondcell.be',
    foundedYear: 2019,
    employees: 18,
    cleantechDomains: [CleantechDomain.SMART_GRIDS, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Geeft afgedankte batterijen van elektrische wagens een tweede leven als stationaire opslag voor bedrijven.',
    descriptionEn:
      'Gives used electric vehicle batteries a second life as stationary storage for businesses.',
    contact: { name: 'Laura Peeters', email: 'laura@secondcell.be', phone: '+32 484 51 09 25' },
  },
  {
    enterpriseNumber: '0635.408.990',
    name: 'Vezelwerk',
    municipality: 'Liedekerke',
    postalCode: '1770',
    website: 'https://www.vezelwerk.be',
    foundedYear: 2016,
    employees: 13,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Recycleert afgedankt textiel mechanisch tot nieuwe vezels voor garens en isolatiemateriaal.',
    descriptionEn:
      'Mechanically recycles discarded textiles into new fibres for yarn and insulation.',
    contact: { name: 'Silke Van Impe', email: 'silke.vanimpe@vezelwerk.be', phone: '+32 53 23 39 27' },
  },
  {
    enterpriseNumber: '0463.863.896',
    name: 'Vitrum Recycling',
    municipality: 'Affligem',
    postalCode: '1790',
    website: 'https://www.vitrumrecycling.be',
    foundedYear: 2001,
    employees: 64,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Verwerkt vlakglas uit renovatie en sloop tot zuiver glasgranulaat voor de glasindustrie.',
    descriptionEn:
      'Processes flat glass from renovation and demolition into clean cullet for the glass industry.',
    contact: { name: 'Johan De Bruyn', email: 'johan.debruyn@vitrumrecycling.be' },
  },
  {
    enterpriseNumber: '0521.821.891',
    name: 'Aquapulse',
    municipality: 'Keerbergen',
    postalCode: '3140',
    website: 'https://www.aquapulse.be',
    foundedYear: 2014,
    employees: 10,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Drukbeheerkleppen en software die lekverliezen en leidingbreuken in drinkwaternetten verminderen.',
    descriptionEn:
      'Pressure management valves and software that reduce leakage and pipe bursts in drinking water networks.',
    contact: { name: 'Tine Schepers', email: 'tine@aquapulse.be', phone: '+32 15 83 82 58' },
  },
  {
    enterpriseNumber: '0867.893.246',
    name: 'Agromethaan',
    municipality: 'Opwijk',
    postalCode: '1745',
    website: 'https://www.agromethaan.be',
    foundedYear: 2008,
    employees: 15,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Bouwt pocketvergisters die mest van melkveebedrijven omzetten in biogas voor eigen gebruik.',
    descriptionEn:
      'Builds pocket digesters that turn manure from dairy farms into biogas for on-farm use.',
    contact: { name: 'Guy Van Hecke', email: 'guy.vanhecke@agromethaan.be', phone: '+32 476 58 55 50' },
  },
  {
    enterpriseNumber: '0559.164.517',
    name: 'Kwatt Energy Services',
    municipality: 'Dilbeek',
    postalCode: '1700',
    website: 'https://www.kwatt.be',
    foundedYear: 2014,
    employees: 30,
    cleantechDomains: [CleantechDomain.SMART_GRIDS, CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Energiedienstenbedrijf dat voor kmo\'s zonnepanelen, relighting en energiemonitoring financiert en beheert.',
    descriptionEn:
      'Energy service company that finances and operates solar panels, relighting and energy monitoring for SMEs.',
    contact: { name: 'Ann Wauters', email: 'ann.wauters@kwatt.be', phone: '+32 2 333 75 29' },
  },
  {
    enterpriseNumber: '1014.501.026',
    name: 'Carbonlift',
    municipality: 'Bierbeek',
    postalCode: '3360',
    website: 'https://www.carbonlift.be',
    foundedYear: 2023,
    employees: 5,
    cleantechDomains: [CleantechDomain.AIR_QUALITY, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Jonge start-up die CO2 uit rookgassen via mineralisatie vastlegt in gerecycleerde bouwmaterialen.',
    descriptionEn:
      'Young start-up that locks CO2 from flue gases into recycled building materials through mineralisation.',
    contact: { name: 'Robbe Vermeiren', email: 'robbe@carbonlift.be', phone: '+32 473 44 97 54' },
  },
  {
    enterpriseNumber: '1013.182.222',
    name: 'Hydrolink',
    municipality: 'Wezembeek-Oppem',
    postalCode: '1970',
    website: 'https://www.hydrolink.eu',
    foundedYear: 2024,
    employees: 4,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Start-up die met machine learning de dosering van chemicaliën in waterzuiveringen en drinkwaterproductie optimaliseert.',
    descriptionEn:
      'Start-up that uses machine learning to optimise chemical dosing in water treatment and drinking water production.',
    descriptionZh: '一家初创企业，利用机器学习优化污水处理和饮用水生产中的药剂投加。',
    contact: { name: 'Amélie Lefèvre', email: 'amelie.lefevre@hydrolink.eu' },
  },
  {
    enterpriseNumber: '0417.882.037',
    name: 'Pompen Verhaegen',
    municipality: 'Drogenbos',
    postalCode: '1620',
    website: 'https://www.pompenverhaegen.be',
    foundedYear: 1962,
    employees: 310,
    cleantechDomains: [CleantechDomain.DRINKING_WATER, CleantechDomain.WATER_TREATMENT],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Familiebedrijf dat sinds 1962 pompen bouwt voor drinkwatervoorziening en afvalwaterbeheer. Heeft een verkoopkantoor in Chengdu.',
    descriptionEn:
      'Family company building pumps for drinking water supply and wastewater management since 1962, with a sales office in Chengdu.',
    descriptionZh: '自1962年起为供水和污水处理制造水泵的家族企业，在成都设有销售办事处。',
    contact: { name: 'Hendrik Verhaegen', email: 'hendrik.verhaegen@pompenverhaegen.be', phone: '+32 475 82 97 82' },
  },
  {
    enterpriseNumber: '0425.286.897',
    name: 'Vandersmissen Milieutechniek',
    municipality: 'Scherpenheuvel-Zichem',
    postalCode: '3271',
    website: 'https://www.vandersmissen-mt.be',
    foundedYear: 1978,
    employees: 420,
    cleantechDomains: [CleantechDomain.WASTE_PROCESSING, CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.ACTIVE,
    descriptionNl:
      'Ontwerpt en bouwt complete sorteer- en recyclagecentra voor huishoudelijk en bedrijfsafval, in Europa en Azië.',
    descriptionEn:
      'Designs and builds complete sorting and recycling centres for household and commercial waste in Europe and Asia.',
    descriptionZh: '为生活垃圾和商业垃圾设计并建设成套分选及回收中心，业务覆盖欧洲和亚洲。',
    contact: { name: 'Erik Vandersmissen', email: 'erik@vandersmissen-mt.be', phone: '+32 13 65 43 85' },
  },
  {
    enterpriseNumber: '0432.077.392',
    name: 'Elektrotechniek Dijleland',
    municipality: 'Boortmeerbeek',
    postalCode: '3190',
    website: 'https://www.dijleland-elektro.be',
    foundedYear: 1985,
    employees: 265,
    cleantechDomains: [CleantechDomain.SMART_GRIDS, CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.HEAT_PRODUCTION],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Elektrotechnisch installatiebedrijf dat microgrids, batterijparken en warmtepompinstallaties bouwt voor industrie en zorg.',
    descriptionEn:
      'Electrical contractor delivering microgrids, battery parks and heat pump installations for industry and healthcare.',
    contact: { name: 'Peter Vangeel', email: 'peter.vangeel@dijleland-elektro.be', phone: '+32 496 93 43 81' },
  },
  {
    enterpriseNumber: '0453.361.172',
    name: 'Betonrecycling Demervallei',
    municipality: 'Begijnendijk',
    postalCode: '3130',
    website: 'https://www.brdemervallei.be',
    foundedYear: 1994,
    employees: 47,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Breekt beton- en metselwerkpuin tot gecertificeerde granulaten en levert die terug aan betoncentrales.',
    descriptionEn:
      'Crushes concrete and masonry rubble into certified aggregates and supplies them back to concrete plants.',
    contact: { name: 'Rudi Wouters', email: 'rudi.wouters@brdemervallei.be', phone: '+32 16 64 91 68' },
  },
  {
    enterpriseNumber: '0643.100.793',
    name: 'Agrisol',
    municipality: 'Bekkevoort',
    postalCode: '3460',
    website: 'https://www.agrisol.be',
    foundedYear: 2016,
    employees: 6,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ontwerpt agri-pv-installaties waarbij zonnepanelen boven fruitaanplantingen de bomen tegen hagel en felle zon beschermen.',
    descriptionEn:
      'Designs agrivoltaic installations in which solar panels above orchards shield the trees from hail and strong sun.',
    contact: { name: 'Jolien Daems', email: 'jolien@agrisol.be' },
  },
  {
    enterpriseNumber: '0772.129.502',
    name: 'Pomaqua',
    municipality: 'Geetbets',
    postalCode: '3450',
    website: 'https://www.pomaqua.be',
    foundedYear: 2018,
    employees: 7,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.DRINKING_WATER],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Zuivert en hergebruikt het waswater van fruitveilingen en groenteverwerkers.',
    descriptionEn:
      'Treats and reuses wash water from fruit auctions and vegetable processors.',
    contact: { name: 'Bert Vanhoof', email: 'bert.vanhoof@pomaqua.be', phone: '+32 11 32 72 10' },
  },
  {
    enterpriseNumber: '0842.089.860',
    name: 'Aerolab Emissions',
    municipality: 'Huldenberg',
    postalCode: '3040',
    website: 'https://www.aerolab.be',
    foundedYear: 2011,
    employees: 12,
    cleantechDomains: [CleantechDomain.AIR_QUALITY],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Geaccrediteerd labo dat emissies aan schouwen meet en continue meetsystemen kalibreert.',
    descriptionEn:
      'Accredited laboratory that measures stack emissions and calibrates continuous emission monitoring systems.',
    contact: { name: 'Gert Lenaerts', email: 'gert.lenaerts@aerolab.be', phone: '+32 471 24 84 08' },
  },
  {
    enterpriseNumber: '0815.574.614',
    name: 'Stro-Energie',
    municipality: 'Linter',
    postalCode: '3350',
    foundedYear: 2010,
    employees: 9,
    cleantechDomains: [CleantechDomain.HEAT_PRODUCTION, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Levert ketels die stro en andere landbouwresten verbranden om boerderijen en serres te verwarmen.',
    descriptionEn:
      'Supplies boilers that burn straw and other farm residues to heat farms and greenhouses.',
  },
  {
    enterpriseNumber: '0723.483.012',
    name: 'Lithorec',
    municipality: 'Tielt-Winge',
    postalCode: '3390',
    website: 'https://www.lithorec.be',
    foundedYear: 2021,
    employees: 22,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Ontwikkelt een hydrometallurgisch proces om lithium, nikkel en kobalt terug te winnen uit afgedankte batterijen.',
    descriptionEn:
      'Develops a hydrometallurgical process to recover lithium, nickel and cobalt from spent batteries.',
    descriptionZh: '开发湿法冶金工艺，从废旧电池中回收锂、镍和钴。',
    contact: { name: 'Jens Wouters', email: 'jens.wouters@lithorec.be', phone: '+32 486 57 50 69' },
  },
  {
    enterpriseNumber: '0725.544.360',
    name: 'Wattson Analytics',
    municipality: 'Kraainem',
    postalCode: '1950',
    website: 'https://www.wattson.be',
    foundedYear: 2019,
    employees: 9,
    cleantechDomains: [CleantechDomain.SMART_GRIDS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Software die het energieverbruik van kantoorgebouwen per kwartier analyseert en besparingen voorstelt.',
    descriptionEn:
      'Software that analyses the quarter-hourly energy use of office buildings and proposes savings.',
    contact: { name: 'Olivier Dupont', email: 'olivier.dupont@wattson.be' },
  },
  {
    enterpriseNumber: '0599.377.945',
    name: 'Hempbouw',
    municipality: 'Roosdaal',
    postalCode: '1760',
    website: 'https://www.hempbouw.be',
    foundedYear: 2015,
    employees: 11,
    cleantechDomains: [CleantechDomain.CIRCULAR_MATERIALS],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Produceert kalkhennepblokken en isolatie op basis van lokaal geteelde hennep.',
    descriptionEn:
      'Produces hempcrete blocks and insulation from locally grown hemp.',
    contact: { name: 'Kaat De Backer', email: 'kaat@hempbouw.be', phone: '+32 474 33 03 83' },
  },
  {
    enterpriseNumber: '0862.234.087',
    name: 'Sedimentec',
    municipality: 'Merchtem',
    postalCode: '1785',
    website: 'https://www.sedimentec.be',
    foundedYear: 2006,
    employees: 36,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.EXPLORING,
    descriptionNl:
      'Saneert verontreinigde waterbodems en baggerslib en zet het gereinigde sediment om in bouwgrondstof.',
    descriptionEn:
      'Remediates contaminated riverbeds and dredging sludge and turns the cleaned sediment into construction raw material.',
    contact: { name: 'Dirk Van Assche', email: 'dirk.vanassche@sedimentec.be', phone: '+32 52 67 76 03' },
  },
  {
    enterpriseNumber: '0818.338.421',
    name: 'Ventilo Air Systems',
    municipality: 'Hoeilaart',
    postalCode: '1560',
    website: 'https://www.ventilo.be',
    foundedYear: 2012,
    employees: 17,
    cleantechDomains: [CleantechDomain.AIR_QUALITY, CleantechDomain.HEAT_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ventilatiesystemen met warmteterugwinning en fijnstoffilters voor scholen en zorginstellingen.',
    descriptionEn:
      'Ventilation systems with heat recovery and fine-dust filters for schools and care facilities.',
    contact: { name: 'Sophie Lauwers', email: 'sophie.lauwers@ventilo.be', phone: '+32 497 83 19 75' },
  },
  {
    enterpriseNumber: '0877.238.603',
    name: 'Bodemzorg Remediatie',
    municipality: 'Pepingen',
    postalCode: '1670',
    foundedYear: 2003,
    employees: 24,
    cleantechDomains: [CleantechDomain.WATER_TREATMENT, CleantechDomain.WASTE_PROCESSING],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Saneert verontreinigde bodem en grondwater met biologische in-situtechnieken.',
    descriptionEn:
      'Remediates contaminated soil and groundwater with biological in-situ techniques.',
  },
  {
    enterpriseNumber: '0531.145.571',
    name: 'Houtgas Bever',
    municipality: 'Bever',
    postalCode: '1547',
    foundedYear: 2014,
    employees: 6,
    cleantechDomains: [CleantechDomain.ENERGY_PRODUCTION, CleantechDomain.HEAT_PRODUCTION],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Bouwt kleine houtvergassers die met resthout warmte en elektriciteit produceren.',
    descriptionEn:
      'Builds small wood gasifiers that produce heat and electricity from residual wood.',
  },
  {
    enterpriseNumber: '0609.149.310',
    name: 'Photoclean',
    municipality: 'Sint-Genesius-Rode',
    postalCode: '1640',
    website: 'https://www.photoclean.be',
    foundedYear: 2017,
    employees: 8,
    cleantechDomains: [CleantechDomain.AIR_QUALITY],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Ontwikkelt fotokatalytische coatings voor gevels en wegen die stikstofoxiden uit de lucht afbreken.',
    descriptionEn:
      'Develops photocatalytic coatings for façades and roads that break down nitrogen oxides in the air.',
    contact: { name: 'Camille Renard', email: 'camille.renard@photoclean.be', phone: '+32 2 723 84 71' },
  },
  {
    enterpriseNumber: '0821.744.012',
    name: 'Fontaqua',
    municipality: 'Linkebeek',
    postalCode: '1630',
    website: 'https://www.fontaqua.be',
    foundedYear: 2009,
    employees: 12,
    cleantechDomains: [CleantechDomain.DRINKING_WATER],
    chinaStatus: ChinaStatus.NOT_ACTIVE,
    descriptionNl:
      'Levert drinkwaterfilters en -ontharders voor woningen, scholen en horeca.',
    descriptionEn:
      'Supplies drinking water filters and softeners for homes, schools and catering.',
    contact: { name: 'Pauline Mertens', email: 'pauline@fontaqua.be', phone: '+32 496 19 36 75' },
  },
];
