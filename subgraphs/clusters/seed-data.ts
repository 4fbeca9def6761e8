/**
 * Demo data of the clusters subgraph (owner: smart-hub): the five clusters of
 * Smart Hub Vlaams-Brabant and which demo companies (by enterprise number, see
 * companies/seed-data.ts) are members since when.
 */
import { ClusterCode } from '../kit/domain';

export interface ClusterSeed {
  code: ClusterCode;
  nameNl: string;
  nameEn: string;
  nameZh: string;
  descriptionNl: string;
  descriptionEn: string;
  descriptionZh: string;
}

export interface MembershipSeed {
  cluster: ClusterCode;
  enterpriseNumber: string;
  /** YYYY-MM-DD */
  since: string;
}

export const CLUSTERS: readonly ClusterSeed[] = [
  {
    code: ClusterCode.HEALTH,
    nameNl: 'Gezondheid',
    nameEn: 'Health',
    nameZh: '健康',
    descriptionNl:
      'Bedrijven en kennisinstellingen rond medische technologie, zorg en een gezonde leefomgeving, van ziekenhuisafval tot binnenluchtkwaliteit.',
    descriptionEn:
      'Companies and knowledge institutions in medical technology, care and a healthy living environment, from hospital waste to indoor air quality.',
    descriptionZh: '汇聚医疗技术、医疗护理和健康生活环境领域的企业与知识机构，议题涵盖从医疗废物到室内空气质量。',
  },
  {
    code: ClusterCode.LOGISTICS,
    nameNl: 'Logistiek',
    nameEn: 'Logistics',
    nameZh: '物流',
    descriptionNl:
      'Duurzame logistiek rond de luchthaven en in de Brusselse rand: herbruikbare verpakkingen, slim laden en emissievrij transport.',
    descriptionEn:
      'Sustainable logistics around the airport and the Brussels periphery: reusable packaging, smart charging and zero-emission transport.',
    descriptionZh: '围绕机场和布鲁塞尔周边地区发展可持续物流：可循环包装、智能充电和零排放运输。',
  },
  {
    code: ClusterCode.FOOD,
    nameNl: 'Voeding',
    nameEn: 'Food',
    nameZh: '食品',
    descriptionNl:
      'Agrovoedingsbedrijven uit het Hageland en het Pajottenland die werken aan reststromen, waterhergebruik en duurzame koeling.',
    descriptionEn:
      'Agri-food companies from the Hageland and the Pajottenland working on side streams, water reuse and sustainable cooling.',
    descriptionZh: '来自哈格兰和帕约滕兰地区的农业食品企业，致力于副产物利用、水回用和可持续冷链。',
  },
  {
    code: ClusterCode.CLEANTECH,
    nameNl: 'Cleantech',
    nameEn: 'Cleantech',
    nameZh: '清洁技术',
    descriptionNl:
      "Het grootste cluster: kmo's in afvalverwerking, drinkwater en waterzuivering, energie en warmte, circulaire materialen, luchtkwaliteit en slimme netten.",
    descriptionEn:
      'The largest cluster: SMEs in waste processing, drinking water and water treatment, energy and heat, circular materials, air quality and smart grids.',
    descriptionZh: '规模最大的产业集群：涵盖废弃物处理、饮用水与水处理、能源与供热、循环材料、空气质量和智能电网领域的中小企业。',
  },
  {
    code: ClusterCode.CREATIVITY,
    nameNl: 'Creativiteit',
    nameEn: 'Creativity',
    nameZh: '创意',
    descriptionNl:
      'Ontwerpers, makers en digitale bedrijven die werken aan circulair design, visualisatie en nieuwe toepassingen van gerecycleerde materialen.',
    descriptionEn: 'Designers, makers and digital companies working on circular design, visualisation and new uses for recycled materials.',
    descriptionZh: '设计师、创客和数字企业，致力于循环设计、可视化以及再生材料的新应用。',
  },
];

export const MEMBERSHIPS: readonly MembershipSeed[] = [
  // HEALTH
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0818.338.421', since: '2018-04-13' }, // Ventilo Air Systems
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0816.933.703', since: '2018-06-11' }, // Mediwaste Solutions
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0557.527.195', since: '2018-12-18' }, // Ozonix Water
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0666.126.120', since: '2020-03-26' }, // Luchtwacht
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0510.249.791', since: '2020-06-02' }, // Purair Solutions
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0691.899.317', since: '2021-07-05' }, // Stratair Analytics
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0699.247.759', since: '2024-05-05' }, // Aquasense Diagnostics
  { cluster: ClusterCode.HEALTH, enterpriseNumber: '0639.244.054', since: '2024-10-12' }, // Vitaqua Labs
  // LOGISTICS
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0625.696.322', since: '2016-01-17' }, // Smartvolt
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0807.512.726', since: '2016-11-14' }, // Frigotherm
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0831.208.242', since: '2018-10-10' }, // Solarbrug Energy
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0872.453.632', since: '2019-07-09' }, // Groene Vonk Recycling
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0725.660.958', since: '2022-08-02' }, // H2Brabant
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0722.444.023', since: '2025-09-19' }, // Secondcell
  { cluster: ClusterCode.LOGISTICS, enterpriseNumber: '0629.485.062', since: '2025-11-13' }, // Loopcrate Logistics
  // FOOD
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0533.383.895', since: '2018-03-23' }, // Enzyvert
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0850.400.285', since: '2018-04-23' }, // Dijlevallei Biogas
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0863.581.496', since: '2019-04-04' }, // Groenkring Compost
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0598.601.054', since: '2019-12-19' }, // Brewater
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0807.512.726', since: '2020-05-05' }, // Frigotherm
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0867.893.246', since: '2022-03-16' }, // Agromethaan
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0605.286.631', since: '2022-10-06' }, // Rest-o-Feed
  { cluster: ClusterCode.FOOD, enterpriseNumber: '0772.129.502', since: '2024-03-04' }, // Pomaqua
  // CLEANTECH
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0625.696.322', since: '2016-04-10' }, // Smartvolt
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0639.244.054', since: '2016-09-04' }, // Vitaqua Labs
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0832.531.697', since: '2017-02-11' }, // AquaNova Filtration
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0876.711.932', since: '2017-06-05' }, // Metarec
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0862.234.087', since: '2017-12-13' }, // Sedimentec
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0830.780.353', since: '2018-02-07' }, // Calora Heat Pumps
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0690.644.552', since: '2018-09-01' }, // Gridwise
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0521.821.891', since: '2019-03-09' }, // Aquapulse
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0432.077.392', since: '2019-04-01' }, // Elektrotechniek Dijleland
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0850.400.285', since: '2019-05-03' }, // Dijlevallei Biogas
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0557.527.195', since: '2019-07-01' }, // Ozonix Water
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0706.842.562', since: '2019-07-24' }, // Restwarmte Partners
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0533.383.895', since: '2019-09-05' }, // Enzyvert
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0816.933.703', since: '2020-10-14' }, // Mediwaste Solutions
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0609.149.310', since: '2020-11-08' }, // Photoclean
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0820.442.826', since: '2021-02-15' }, // Hydrobalance
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0699.247.759', since: '2021-03-15' }, // Aquasense Diagnostics
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0467.289.382', since: '2021-05-03' }, // Stofvrij Industrial Filtration
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0870.512.246', since: '2021-07-20' }, // Odorex
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0692.007.007', since: '2022-03-01' }, // Karbo Biochar
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0666.126.120', since: '2022-04-01' }, // Luchtwacht
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0810.682.052', since: '2022-07-07' }, // Plasticycle
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0507.045.526', since: '2022-07-10' }, // Thermaflux
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0739.771.686', since: '2022-07-26' }, // Calorex Storage
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0616.162.212', since: '2022-11-10' }, // Aqualibra
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0872.453.632', since: '2022-12-07' }, // Groene Vonk Recycling
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0719.409.111', since: '2023-06-21' }, // Demer Geothermie
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0425.286.897', since: '2023-08-18' }, // Vandersmissen Milieutechniek
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0417.882.037', since: '2023-10-16' }, // Pompen Verhaegen
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0740.082.383', since: '2023-11-14' }, // Nanopor
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0723.483.012', since: '2024-03-10' }, // Lithorec
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0881.215.801', since: '2024-03-15' }, // Zennevallei Waterzuivering
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0725.660.958', since: '2024-05-04' }, // H2Brabant
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '1013.182.222', since: '2024-05-10' }, // Hydrolink
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0840.446.206', since: '2024-10-04' }, // Aquaduct Monitoring
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0802.898.494', since: '2024-12-17' }, // Ecoslib
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0722.444.023', since: '2024-12-24' }, // Secondcell
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0842.089.860', since: '2025-03-19' }, // Aerolab Emissions
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0598.601.054', since: '2025-07-16' }, // Brewater
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0839.832.136', since: '2025-09-01' }, // Slibtech
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0831.208.242', since: '2025-12-05' }, // Solarbrug Energy
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0574.815.070', since: '2025-12-12' }, // Hagelandse Warmtenetten
  { cluster: ClusterCode.CLEANTECH, enterpriseNumber: '0691.899.317', since: '2025-12-28' }, // Stratair Analytics
  // CREATIVITY
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0609.149.310', since: '2018-08-01' }, // Photoclean
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0666.126.120', since: '2020-05-26' }, // Luchtwacht
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0635.408.990', since: '2020-09-15' }, // Vezelwerk
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0691.899.317', since: '2023-08-10' }, // Stratair Analytics
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0706.291.939', since: '2023-09-23' }, // Reform Design Studio
  { cluster: ClusterCode.CREATIVITY, enterpriseNumber: '0599.377.945', since: '2025-06-10' }, // Hempbouw
];
