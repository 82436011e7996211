// Chinese dynasties and reign periods (年号) with their years, so that a date written as
// "唐代", "清乾隆", "Qianlong period" or "Ch'ien-lung" gets earliest/latest years.
//
// Chronology followed (facts, not anyone's prose):
// * before 841 BCE: the Xia–Shang–Zhou Chronology Project (夏商周断代工程, 2000):
//   Xia ca. 2070–1600, Shang ca. 1600–1046, Western Zhou 1046–771 BCE;
// * from 770 BCE: the conventional dynastic dates used by Chinese and Western museums
//   (中国历史年代简表, Wenwu 1973; the same values as the Metropolitan Museum's
//   "Chronology of China"): Western Han 206 BCE–9 CE, Qing 1644–1911 and so on;
// * reign periods: the Gregorian years in which the era name was in use. When an era
//   changed in the course of a year (Wanli → Taichang → Tianqi in 1620, Jingtai →
//   Tianshun in 1457, Tiancong → Chongde in 1636) that year belongs to both, so
//   neighbouring eras may share exactly one year, never more (tested).
// * the Neolithic (新石器时代) is given as ca. 10,000–2000 BCE, the broad span used by
//   Chinese archaeology for the period before the Xia; it is deliberately wide.
//
// Names: Simplified and Traditional characters, Hanyu Pinyin with tone marks (matching
// also works without them), Wade–Giles (with or without apostrophes and hyphens) and
// Russian (Palladius) where common. A Latin form that would fit two entries (Wade–Giles
// "Chin" is both 晋 and 金; "Wei", "Qi", "Wu" are several states) is left out on
// purpose: the characters still resolve; the test checks no name is ambiguous.

export interface ChinesePeriod {
  /** stable key, e.g. "qing", "qing.qianlong" */
  id: string;
  kind: 'period' | 'dynasty' | 'reign';
  /** the containing dynasty (for reigns and sub-dynasties such as 北宋 in 宋) */
  parent?: string;
  /** Simplified names; the first is the usual one */
  hans: string[];
  /** Traditional names */
  hant: string[];
  /** Hanyu Pinyin with tone marks */
  pinyin: string;
  /** further Latin names (English, pinyin variants, Wade–Giles) */
  latin?: string[];
  /** Russian names */
  ru?: string[];
  start: number;
  end: number;
  /** the bounds are conventional, not exact (prehistory, Xia, Shang) */
  approximate?: true;
}

type Row = [id: string, hans: string[], hant: string[], pinyin: string, latin: string[], ru: string[], start: number, end: number];

function rows(kind: ChinesePeriod['kind'], parent: string | undefined, list: Row[], approximate: string[] = []): ChinesePeriod[] {
  return list.map(([id, hans, hant, pinyin, latin, ru, start, end]) => {
    const p: ChinesePeriod = { id, kind, hans, hant, pinyin, start, end };
    if (parent) p.parent = parent;
    if (latin.length) p.latin = latin;
    if (ru.length) p.ru = ru;
    if (approximate.includes(id)) p.approximate = true;
    return p;
  });
}

const DYNASTIES: ChinesePeriod[] = [
  ...rows('period', undefined, [
    ['neolithic', ['新石器时代'], ['新石器時代'], 'Xīnshíqì shídài', [], [], -10000, -2000],
  ], ['neolithic']),
  ...rows('dynasty', undefined, [
    ['xia', ['夏', '夏朝'], ['夏'], 'Xià', ['Hsia'], [], -2070, -1600],
    ['shang', ['商', '殷商'], ['商', '殷商'], 'Shāng', [], ['Шан', 'Шан-Инь'], -1600, -1046],
    ['zhou', ['周'], ['周'], 'Zhōu', ['Chou'], ['Чжоу'], -1046, -256],
    ['qin', ['秦'], ['秦'], 'Qín', [], ['Цинь'], -221, -206],
    ['han', ['汉', '两汉'], ['漢', '兩漢'], 'Hàn', [], ['Хань'], -206, 220],
    ['xin', ['新', '新莽'], ['新', '新莽'], 'Xīn', ['Hsin', 'Wang Mang'], [], 9, 23],
    ['three-kingdoms', ['三国'], ['三國'], 'Sānguó', ['Three Kingdoms', 'San-kuo'], ['Троецарствие'], 220, 280],
    ['jin', ['晋', '两晋'], ['晉', '兩晉'], 'Jìn', [], [], 265, 420],
    ['sixteen-kingdoms', ['十六国', '五胡十六国'], ['十六國', '五胡十六國'], 'Shíliùguó', ['Sixteen Kingdoms'], [], 304, 439],
    ['six-dynasties', ['六朝'], ['六朝'], 'Liùcháo', ['Six Dynasties'], [], 220, 589],
    ['northern-southern', ['南北朝'], ['南北朝'], 'Nánběicháo', ['Northern and Southern Dynasties', 'Southern and Northern Dynasties'], [], 420, 589],
    ['sui', ['隋'], ['隋'], 'Suí', [], ['Суй'], 581, 618],
    ['tang', ['唐'], ['唐'], 'Táng', ["T'ang"], ['Тан'], 618, 907],
    ['five-dynasties', ['五代', '五代十国'], ['五代', '五代十國'], 'Wǔdài', ['Five Dynasties', 'Five Dynasties and Ten Kingdoms', 'Wu-tai'], [], 907, 979],
    ['liao', ['辽'], ['遼'], 'Liáo', [], ['Ляо'], 907, 1125],
    ['song', ['宋', '两宋'], ['宋', '兩宋'], 'Sòng', ['Sung'], ['Сун'], 960, 1279],
    ['western-xia', ['西夏'], ['西夏'], 'Xī Xià', ['Western Xia', 'Xixia', 'Hsi Hsia', 'Tangut'], ['Си Ся', 'Западное Ся'], 1038, 1227],
    ['jurchen-jin', ['金'], ['金'], 'Jīn', ['Jurchen Jin'], ['Цзинь'], 1115, 1234],
    ['yuan', ['元', '大元'], ['元', '大元'], 'Yuán', ['Yüan', 'Mongol Yuan'], ['Юань'], 1271, 1368],
    ['ming', ['明', '大明'], ['明', '大明'], 'Míng', [], ['Мин'], 1368, 1644],
    // Nurhaci's state, renamed Qing in 1636; its reigns before the conquest of Beijing
    // (Tianming, Tiancong, Chongde) are kept here so that the Qing is 1644–1911 as
    // museums date it.
    ['later-jin', ['后金'], ['後金'], 'Hòujīn', [], [], 1616, 1643],
    ['qing', ['清', '大清'], ['清', '大清', '淸', '大淸'], 'Qīng', ["Ch'ing"], ['Цин'], 1644, 1911],
    ['republic', ['中华民国', '民国'], ['中華民國', '民國'], 'Mínguó', ['Republic of China'], [], 1912, 1949],
  ], ['xia', 'shang']),
  // subdivisions of a dynasty
  ...rows('dynasty', 'shang', [
    ['shang.yin', ['殷', '殷墟'], ['殷', '殷墟'], 'Yīn', ['Anyang period'], [], -1300, -1046],
  ], ['shang.yin']),
  ...rows('dynasty', 'zhou', [
    ['zhou.western', ['西周'], ['西周'], 'Xī Zhōu', ['Western Zhou', 'Western Chou'], ['Западное Чжоу'], -1046, -771],
    ['zhou.eastern', ['东周'], ['東周'], 'Dōng Zhōu', ['Eastern Zhou', 'Eastern Chou'], ['Восточное Чжоу'], -770, -256],
    ['zhou.spring-autumn', ['春秋', '春秋时代', '春秋时期'], ['春秋', '春秋時代', '春秋時期'], 'Chūnqiū', ['Spring and Autumn', "Ch'un-ch'iu"], ['Чуньцю'], -770, -476],
  ]),
  // the Warring States outlast the Zhou house (256) until Qin's unification (221)
  ...rows('period', undefined, [
    ['warring-states', ['战国', '战国时代', '战国时期'], ['戰國', '戰國時代', '戰國時期'], 'Zhànguó', ['Warring States', 'Chan-kuo'], ['Чжаньго'], -475, -221],
  ]),
  ...rows('dynasty', 'han', [
    ['han.western', ['西汉', '前汉'], ['西漢', '前漢'], 'Xī Hàn', ['Western Han', 'Former Han'], ['Западная Хань'], -206, 9],
    ['han.eastern', ['东汉'], ['東漢'], 'Dōng Hàn', ['Eastern Han'], ['Восточная Хань'], 25, 220],
  ]),
  ...rows('dynasty', 'three-kingdoms', [
    ['three-kingdoms.wei', ['魏', '曹魏'], ['魏', '曹魏'], 'Wèi', ['Cao Wei'], [], 220, 265],
    ['three-kingdoms.shu', ['蜀', '蜀汉'], ['蜀', '蜀漢'], 'Shǔ Hàn', ['Shu Han'], [], 221, 263],
    ['three-kingdoms.wu', ['吴', '东吴', '孙吴'], ['吳', '東吳', '孫吳'], 'Dōng Wú', ['Eastern Wu'], [], 222, 280],
  ]),
  ...rows('dynasty', 'jin', [
    ['jin.western', ['西晋'], ['西晉'], 'Xī Jìn', ['Western Jin', 'Western Chin'], ['Западная Цзинь'], 265, 316],
    ['jin.eastern', ['东晋'], ['東晉'], 'Dōng Jìn', ['Eastern Jin', 'Eastern Chin'], ['Восточная Цзинь'], 317, 420],
  ]),
  ...rows('dynasty', 'northern-southern', [
    ['ns.southern', ['南朝'], ['南朝'], 'Náncháo', ['Southern Dynasties'], [], 420, 589],
    ['ns.liu-song', ['刘宋', '南朝宋'], ['劉宋', '南朝宋'], 'Liú Sòng', ['Liu Song', 'Liu Sung'], [], 420, 479],
    ['ns.southern-qi', ['南齐'], ['南齊'], 'Nán Qí', ['Southern Qi'], [], 479, 502],
    ['ns.liang', ['梁', '南梁'], ['梁', '南梁'], 'Liáng', [], [], 502, 557],
    ['ns.chen', ['陈', '南陈'], ['陳', '南陳'], 'Chén', ['Chen dynasty'], [], 557, 589],
  ]),
  // the northern dynasties begin with the Northern Wei in 386, before the conventional
  // start of the Northern and Southern Dynasties (420)
  ...rows('dynasty', undefined, [
    ['ns.northern', ['北朝'], ['北朝'], 'Běicháo', ['Northern Dynasties'], [], 386, 581],
    ['ns.northern-wei', ['北魏'], ['北魏'], 'Běi Wèi', ['Northern Wei', 'Toba Wei', 'Tuoba Wei'], ['Северная Вэй'], 386, 534],
    ['ns.eastern-wei', ['东魏'], ['東魏'], 'Dōng Wèi', ['Eastern Wei'], [], 534, 550],
    ['ns.western-wei', ['西魏'], ['西魏'], 'Xī Wèi', ['Western Wei'], [], 535, 557],
    ['ns.northern-qi', ['北齐'], ['北齊'], 'Běi Qí', ['Northern Qi', "Northern Ch'i"], ['Северная Ци'], 550, 577],
    ['ns.northern-zhou', ['北周'], ['北周'], 'Běi Zhōu', ['Northern Zhou', 'Northern Chou'], ['Северная Чжоу'], 557, 581],
  ]),
  ...rows('dynasty', 'five-dynasties', [
    ['fd.later-liang', ['后梁'], ['後梁'], 'Hòu Liáng', ['Later Liang'], [], 907, 923],
    ['fd.later-tang', ['后唐'], ['後唐'], 'Hòu Táng', ['Later Tang'], [], 923, 936],
    ['fd.later-jin', ['后晋'], ['後晉'], 'Hòu Jìn', [], [], 936, 947],
    ['fd.later-han', ['后汉'], ['後漢'], 'Hòu Hàn', [], [], 947, 951],
    ['fd.later-zhou', ['后周'], ['後周'], 'Hòu Zhōu', ['Later Zhou'], [], 951, 960],
    ['fd.southern-tang', ['南唐'], ['南唐'], 'Nán Táng', ['Southern Tang'], [], 937, 976],
  ]),
  ...rows('dynasty', 'song', [
    ['song.northern', ['北宋'], ['北宋'], 'Běi Sòng', ['Northern Song', 'Northern Sung'], ['Северная Сун'], 960, 1127],
    ['song.southern', ['南宋'], ['南宋'], 'Nán Sòng', ['Southern Song', 'Southern Sung'], ['Южная Сун'], 1127, 1279],
  ]),
];

// Reign periods: [id, simplified, traditional, pinyin, Wade–Giles, Russian, first, last year]
type Reign = [id: string, hans: string, hant: string, pinyin: string, wadeGiles: string, ru: string, start: number, end: number];

function reigns(parent: string, list: Reign[]): ChinesePeriod[] {
  return list.map(([id, hans, hant, pinyin, wg, ru, start, end]) => {
    const p: ChinesePeriod = { id: `${parent}.${id}`, kind: 'reign', parent, hans: [hans], hant: [hant], pinyin, start, end };
    if (wg) p.latin = [wg];
    if (ru) p.ru = [ru];
    return p;
  });
}

const REIGNS: ChinesePeriod[] = [
  // a few celebrated eras of other dynasties, often named on objects and in labels
  ...reigns('tang', [
    ['zhenguan', '贞观', '貞觀', 'Zhēnguān', 'Chen-kuan', '', 627, 649],
    ['kaiyuan', '开元', '開元', 'Kāiyuán', "K'ai-yüan", 'Кайюань', 713, 741],
    ['tianbao', '天宝', '天寶', 'Tiānbǎo', "T'ien-pao", 'Тяньбао', 742, 756],
  ]),
  ...reigns('song', [['xuanhe', '宣和', '宣和', 'Xuānhé', 'Hsüan-ho', '', 1119, 1125]]),
  ...reigns('ming', [
    ['hongwu', '洪武', '洪武', 'Hóngwǔ', 'Hung-wu', 'Хунъу', 1368, 1398],
    ['jianwen', '建文', '建文', 'Jiànwén', 'Chien-wen', 'Цзяньвэнь', 1399, 1402],
    ['yongle', '永乐', '永樂', 'Yǒnglè', 'Yung-lo', 'Юнлэ', 1403, 1424],
    ['hongxi', '洪熙', '洪熙', 'Hóngxī', 'Hung-hsi', 'Хунси', 1425, 1425],
    ['xuande', '宣德', '宣德', 'Xuāndé', 'Hsüan-te', 'Сюаньдэ', 1426, 1435],
    ['zhengtong', '正统', '正統', 'Zhèngtǒng', "Cheng-t'ung", 'Чжэнтун', 1436, 1449],
    ['jingtai', '景泰', '景泰', 'Jǐngtài', "Ching-t'ai", 'Цзинтай', 1450, 1457],
    ['tianshun', '天顺', '天順', 'Tiānshùn', "T'ien-shun", 'Тяньшунь', 1457, 1464],
    ['chenghua', '成化', '成化', 'Chénghuà', "Ch'eng-hua", 'Чэнхуа', 1465, 1487],
    ['hongzhi', '弘治', '弘治', 'Hóngzhì', 'Hung-chih', 'Хунчжи', 1488, 1505],
    ['zhengde', '正德', '正德', 'Zhèngdé', 'Cheng-te', 'Чжэндэ', 1506, 1521],
    ['jiajing', '嘉靖', '嘉靖', 'Jiājìng', 'Chia-ching', 'Цзяцзин', 1522, 1566],
    ['longqing', '隆庆', '隆慶', 'Lóngqìng', "Lung-ch'ing", 'Лунцин', 1567, 1572],
    ['wanli', '万历', '萬曆', 'Wànlì', 'Wan-li', 'Ваньли', 1573, 1620],
    ['taichang', '泰昌', '泰昌', 'Tàichāng', "T'ai-ch'ang", 'Тайчан', 1620, 1620],
    ['tianqi', '天启', '天啟', 'Tiānqǐ', "T'ien-ch'i", 'Тяньци', 1621, 1627],
    ['chongzhen', '崇祯', '崇禎', 'Chóngzhēn', "Ch'ung-chen", 'Чунчжэнь', 1628, 1644],
  ]),
  ...reigns('later-jin', [
    ['tianming', '天命', '天命', 'Tiānmìng', "T'ien-ming", 'Тяньмин', 1616, 1626],
    ['tiancong', '天聪', '天聰', 'Tiāncōng', "T'ien-ts'ung", 'Тяньцун', 1627, 1636],
    ['chongde', '崇德', '崇德', 'Chóngdé', "Ch'ung-te", 'Чундэ', 1636, 1643],
  ]),
  ...reigns('qing', [
    ['shunzhi', '顺治', '順治', 'Shùnzhì', 'Shun-chih', 'Шуньчжи', 1644, 1661],
    ['kangxi', '康熙', '康熙', 'Kāngxī', "K'ang-hsi", 'Канси', 1662, 1722],
    ['yongzheng', '雍正', '雍正', 'Yōngzhèng', 'Yung-cheng', 'Юнчжэн', 1723, 1735],
    ['qianlong', '乾隆', '乾隆', 'Qiánlóng', "Ch'ien-lung", 'Цяньлун', 1736, 1795],
    ['jiaqing', '嘉庆', '嘉慶', 'Jiāqìng', "Chia-ch'ing", 'Цзяцин', 1796, 1820],
    ['daoguang', '道光', '道光', 'Dàoguāng', 'Tao-kuang', 'Даогуан', 1821, 1850],
    ['xianfeng', '咸丰', '咸豐', 'Xiánfēng', 'Hsien-feng', 'Сяньфэн', 1851, 1861],
    ['tongzhi', '同治', '同治', 'Tóngzhì', "T'ung-chih", 'Тунчжи', 1862, 1874],
    ['guangxu', '光绪', '光緒', 'Guāngxù', 'Kuang-hsü', 'Гуансюй', 1875, 1908],
    ['xuantong', '宣统', '宣統', 'Xuāntǒng', "Hsüan-t'ung", 'Сюаньтун', 1909, 1911],
  ]),
];

export const CHINESE_PERIODS: readonly ChinesePeriod[] = Object.freeze([...DYNASTIES, ...REIGNS]);

const BY_ID = new Map(CHINESE_PERIODS.map((p) => [p.id, p]));

export function chinesePeriodById(id: string): ChinesePeriod | undefined {
  return BY_ID.get(id);
}

/** Every name of a period, characters and Latin and Cyrillic, as written in the table. */
export function chinesePeriodNames(p: ChinesePeriod): string[] {
  return [...p.hans, ...p.hant, p.pinyin, ...(p.latin ?? []), ...(p.ru ?? [])];
}
