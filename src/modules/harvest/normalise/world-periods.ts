// Named periods of the rest of the Silk Road (Iran, Central Asia, the Islamic lands,
// Byzantium, the Caucasus, the Balkans, Japan and Korea) that records give as a date on their own:
// "Safavid period", "Timurid", "Middle Byzantine", "ساسانی". Conventional dynastic dates
// as museum chronologies give them (e.g. C. E. Bosworth, The New Islamic Dynasties,
// 1996, for Islamic dynasties); bounds are those of the dynasty's rule, not of a style.
// Only names that are not ordinary words elsewhere are listed ("Pahlavi" is also a
// script, so only "Pahlavi period/dynasty"); the Chinese table is chinese-periods.ts.

export interface WorldPeriod {
  id: string;
  /** names in any script; Latin matching ignores case, diacritics and apostrophes */
  names: string[];
  start: number;
  end: number;
  parent?: string;
  /** an era whose years are counted, like a Chinese reign: "Meiji 45", "明治45年" */
  counted?: boolean;
}

type Row = [id: string, names: string[], start: number, end: number, parent?: string];

const ROWS: Row[] = [
  ['achaemenid', ['Achaemenid', 'Achaemenian', 'هخامنشی', 'هخامنشیان', 'Ахемениды', 'Ахеменидов', 'Ахеменидский'], -550, -330],
  ['seleucid', ['Seleucid', 'سلوکی', 'Селевкиды', 'Селевкидов'], -312, -63],
  ['parthian', ['Parthian', 'Arsacid', 'اشکانی', 'اشکانیان', 'Парфянский', 'Аршакиды', 'Аршакидов'], -247, 224],
  ['kushan', ['Kushan', 'کوشانی', 'Кушанский', 'Кушанское'], 30, 375],
  ['sasanian', ['Sasanian', 'Sassanian', 'Sasanid', 'Sassanid', 'ساسانی', 'ساسانیان', 'Сасаниды', 'Сасанидов', 'Сасанидский'], 224, 651],
  ['umayyad', ['Umayyad', 'Omayyad', 'اموی', 'امویان', 'الأموي', 'الأموية', 'Омейяды', 'Омейядов'], 661, 750],
  ['abbasid', ['Abbasid', 'عباسی', 'عباسیان', 'العباسي', 'العباسية', 'Аббасиды', 'Аббасидов'], 750, 1258],
  ['samanid', ['Samanid', 'سامانی', 'سامانیان', 'Саманиды', 'Саманидов'], 819, 1005],
  ['fatimid', ['Fatimid', 'فاطمی', 'فاطمیان', 'الفاطمي', 'الفاطمية', 'Фатимиды', 'Фатимидов'], 909, 1171],
  ['ghaznavid', ['Ghaznavid', 'غزنوی', 'غزنویان', 'Газневиды', 'Газневидов'], 977, 1186],
  ['seljuk', ['Seljuk', 'Seljuq', 'Saljuq', 'Great Seljuk', 'سلجوقی', 'سلجوقیان', 'السلجوقي', 'Сельджуки', 'Сельджукидов', 'Сельджукский'], 1037, 1194],
  ['seljuk-rum', ['Seljuk of Rum', 'Seljuks of Rum', 'Rum Seljuk', 'Seljuq of Rum', 'Sultanate of Rum', 'Anatolian Seljuk'], 1077, 1308],
  ['khwarazmian', ['Khwarazmian', 'Khwarezmian', 'Khorezmian', 'Khwarazm-Shah', 'خوارزمشاهی', 'خوارزمشاهیان', 'Хорезмшахи', 'Хорезмшахов'], 1077, 1231],
  ['ghurid', ['Ghurid', 'غوری', 'غوریان', 'Гуриды', 'Гуридов'], 1148, 1215],
  ['mamluk', ['Mamluk', 'Mameluke', 'مملوکی', 'مملوکان', 'المملوكي', 'المماليك', 'Мамлюки', 'Мамлюков'], 1250, 1517],
  ['ilkhanid', ['Ilkhanid', 'Il-Khanid', 'Ilkhanate', 'Il-Khanate', 'ایلخانی', 'ایلخانان', 'Хулагуиды', 'Хулагуидов', 'Ильханы', 'Ильханов'], 1256, 1335],
  ['muzaffarid', ['Muzaffarid', 'آل مظفر', 'Музаффариды'], 1314, 1393],
  ['jalayirid', ['Jalayirid', 'Jalayir', 'جلایری', 'جلایریان', 'Джалаириды'], 1335, 1432],
  ['timurid', ['Timurid', 'تیموری', 'تیموریان', 'Тимуриды', 'Тимуридов', 'Тимуридский'], 1370, 1507],
  ['qara-qoyunlu', ['Qara Qoyunlu', 'Kara Koyunlu', 'Qara-Qoyunlu', 'قراقویونلو', 'Кара-Коюнлу'], 1375, 1468],
  ['aq-qoyunlu', ['Aq Qoyunlu', 'Ak Koyunlu', 'Aq-Qoyunlu', 'Aqquyunlu', 'آق‌قویونلو', 'آق قویونلو', 'Ак-Коюнлу'], 1378, 1508],
  ['safavid', ['Safavid', 'Safawid', 'صفوی', 'صفویه', 'صفویان', 'الصفوي', 'الصفوية', 'Сефевиды', 'Сефевидов', 'Сефевидский'], 1501, 1736],
  ['afsharid', ['Afsharid', 'افشاریه', 'افشاری', 'Афшариды'], 1736, 1796],
  ['zand', ['Zand', 'زندیه', 'Зенды', 'Зендов'], 1751, 1794],
  ['qajar', ['Qajar', 'Kajar', 'Qadjar', 'قاجار', 'قاجاریه', 'Каджары', 'Каджаров', 'Каджарский'], 1789, 1925],
  ['pahlavi', ['Pahlavi period', 'Pahlavi dynasty', 'Pahlavi era'], 1925, 1979],
  ['ottoman', ['Ottoman', 'عثمانی', 'العثماني', 'العثمانية', 'Osmanlı', 'Османский', 'Османская', 'Османской'], 1299, 1922],
  ['mughal', ['Mughal', 'Moghul', 'Mogul', 'Великих Моголов', 'Моголов'], 1526, 1857],
  ['urartian', ['Urartian', 'Urartu', 'Урарту', 'Урартский'], -860, -590],
  ['byzantine', ['Byzantine', 'Византийский', 'Византийская', 'Византия'], 330, 1453],
  ['byzantine.early', ['Early Byzantine', 'Ранневизантийский'], 330, 843, 'byzantine'],
  ['byzantine.middle', ['Middle Byzantine', 'Средневизантийский'], 843, 1204, 'byzantine'],
  ['byzantine.late', ['Late Byzantine', 'Поздневизантийский'], 1261, 1453, 'byzantine'],
  ['byzantine.macedonian', ['Macedonian dynasty', 'Macedonian Renaissance'], 867, 1056, 'byzantine'],
  ['byzantine.komnenian', ['Komnenian', 'Comnenian', 'Komnenos', 'Comnenus'], 1081, 1185, 'byzantine'],
  ['byzantine.palaiologan', ['Palaiologan', 'Palaeologan', 'Paleologan', 'Palaiologos'], 1259, 1453, 'byzantine'],
  ['nemanjic', ['Nemanjić', 'Nemanjic', 'Немањић', 'Немањића', 'Немањићи'], 1166, 1371],
  // Japan, the road's eastern end (the Shōsōin at Nara): periods as the Tokyo National
  // Museum dates them, and the modern eras, whose years count like Chinese reigns
  // ("明治45年" = 1912). 明治 must be read before 明 (Ming): names are matched longest first.
  ['jp.jomon', ['Jōmon', 'Jomon', '縄文', '繩文', 'Дзёмон'], -10500, -300],
  ['jp.yayoi', ['Yayoi', '弥生', '彌生', 'Яёй'], -300, 250],
  ['jp.kofun', ['Kofun period', '古墳時代', 'Кофун'], 250, 592],
  ['jp.asuka', ['Asuka', '飛鳥', '飞鸟', 'Асука'], 592, 710],
  ['jp.nara', ['Nara period', '奈良時代', '奈良时代'], 710, 794],
  ['jp.heian', ['Heian', '平安時代', '平安时代', 'Хэйан'], 794, 1185],
  ['jp.kamakura', ['Kamakura', '鎌倉', '镰仓', 'Камакура'], 1185, 1333],
  ['jp.nanbokucho', ['Nanbokuchō', 'Nanbokucho', 'Nambokucho'], 1336, 1392],
  ['jp.muromachi', ['Muromachi', '室町', 'Муромати'], 1336, 1573],
  ['jp.momoyama', ['Momoyama', 'Azuchi-Momoyama', '桃山', '安土桃山', 'Момояма'], 1573, 1603],
  ['jp.edo', ['Edo period', 'Edo era', 'Tokugawa period', '江戸', '江戶', '江户', 'Эдо'], 1603, 1868],
  ['jp.meiji', ['Meiji', '明治', 'Мэйдзи'], 1868, 1912],
  ['jp.taisho', ['Taishō', 'Taisho', '大正', 'Тайсё'], 1912, 1926],
  ['jp.showa', ['Shōwa', 'Showa', '昭和', 'Сёва'], 1926, 1989],
  ['jp.heisei', ['Heisei', '平成', 'Хэйсэй'], 1989, 2019],
  ['jp.reiwa', ['Reiwa', '令和', 'Рэйва'], 2019, new Date().getUTCFullYear()],
  // Korea
  ['kr.goguryeo', ['Goguryeo', 'Koguryo', 'Koguryŏ', '高句麗', '高句丽', '고구려'], -37, 668],
  ['kr.baekje', ['Baekje', 'Paekche', '百濟', '百济', '백제'], -18, 660],
  ['kr.silla', ['Silla', '新羅', '新罗', '신라'], -57, 935],
  ['kr.silla.unified', ['Unified Silla', '統一新羅', '统一新罗', '통일신라'], 668, 935, 'kr.silla'],
  ['kr.goryeo', ['Goryeo', 'Koryo', 'Koryŏ', '高麗', '高丽', '고려'], 918, 1392],
  ['kr.joseon', ['Joseon', 'Chosŏn', 'Choson', '朝鮮王朝', '朝鲜王朝', '조선'], 1392, 1897],
  ['kr.empire', ['Korean Empire', '大韓帝國', '大韩帝国', '대한제국'], 1897, 1910],
];

/** Japan's modern eras, whose years are counted (the older periods are art-historical spans) */
const COUNTED = new Set(['jp.meiji', 'jp.taisho', 'jp.showa', 'jp.heisei', 'jp.reiwa']);

export const WORLD_PERIODS: readonly WorldPeriod[] = Object.freeze(
  ROWS.map(([id, names, start, end, parent]) => {
    const p: WorldPeriod = parent ? { id, names, start, end, parent } : { id, names, start, end };
    if (COUNTED.has(id)) p.counted = true;
    return p;
  }),
);
