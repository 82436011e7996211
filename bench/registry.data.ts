// Synthetic registry for the benchmark: institutions with names in en + zh-Hans
// (+ ru or ar where the city has such a name), ~60 countries, memberships mostly
// "member". Deterministic (seeded PRNG) so every run loads the same registry.
// Facts-free: the names are made up from parts; no real institution is described.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { systemActor } from '../src/modules/accounts/permission.policy.ts';
import { createInstitution } from '../src/modules/institutions/institution.service.ts';
import type { InstitutionInput } from '../src/modules/institutions/institution.schemas.ts';
import { setMembership } from '../src/modules/alliance/membership.service.ts';

type City = { en: string; zh: string; ru?: string; ar?: string };

// country -> cities; weight = relative share of institutions
const COUNTRIES: Array<{ code: string; weight: number; cities: City[] }> = [
  { code: 'CN', weight: 15, cities: [
    { en: 'Beijing', zh: '北京', ru: 'Пекин', ar: 'بكين' }, { en: 'Shanghai', zh: '上海', ru: 'Шанхай' }, { en: "Xi'an", zh: '西安', ru: 'Сиань', ar: 'شيان' },
    { en: 'Dunhuang', zh: '敦煌', ru: 'Дуньхуан' }, { en: 'Lanzhou', zh: '兰州' }, { en: 'Urumqi', zh: '乌鲁木齐', ru: 'Урумчи' }, { en: 'Kashgar', zh: '喀什', ar: 'كاشغر' },
    { en: 'Turpan', zh: '吐鲁番' }, { en: 'Hangzhou', zh: '杭州' }, { en: 'Nanjing', zh: '南京' }, { en: 'Guangzhou', zh: '广州' }, { en: 'Quanzhou', zh: '泉州', ar: 'تشيوانتشو' },
    { en: 'Chengdu', zh: '成都' }, { en: 'Luoyang', zh: '洛阳' }, { en: 'Yinchuan', zh: '银川' }, { en: 'Xining', zh: '西宁' }, { en: 'Zhangye', zh: '张掖' },
    { en: 'Jiuquan', zh: '酒泉' }, { en: 'Wuwei', zh: '武威' }, { en: 'Tianshui', zh: '天水' }, { en: 'Ningbo', zh: '宁波' }, { en: 'Kunming', zh: '昆明' },
  ] },
  { code: 'RU', weight: 3, cities: [{ en: 'Moscow', zh: '莫斯科', ru: 'Москва' }, { en: 'Saint Petersburg', zh: '圣彼得堡', ru: 'Санкт-Петербург' }, { en: 'Kazan', zh: '喀山', ru: 'Казань' }, { en: 'Novosibirsk', zh: '新西伯利亚', ru: 'Новосибирск' }] },
  { code: 'KZ', weight: 3, cities: [{ en: 'Almaty', zh: '阿拉木图', ru: 'Алматы' }, { en: 'Astana', zh: '阿斯塔纳', ru: 'Астана' }, { en: 'Turkistan', zh: '突厥斯坦', ru: 'Туркестан' }] },
  { code: 'UZ', weight: 3, cities: [{ en: 'Samarkand', zh: '撒马尔罕', ru: 'Самарканд' }, { en: 'Bukhara', zh: '布哈拉', ru: 'Бухара' }, { en: 'Tashkent', zh: '塔什干', ru: 'Ташкент' }, { en: 'Khiva', zh: '希瓦', ru: 'Хива' }] },
  { code: 'KG', weight: 2, cities: [{ en: 'Bishkek', zh: '比什凯克', ru: 'Бишкек' }, { en: 'Osh', zh: '奥什', ru: 'Ош' }] },
  { code: 'TJ', weight: 2, cities: [{ en: 'Dushanbe', zh: '杜尚别', ru: 'Душанбе' }, { en: 'Khujand', zh: '苦盏', ru: 'Худжанд' }] },
  { code: 'TM', weight: 1, cities: [{ en: 'Ashgabat', zh: '阿什哈巴德', ru: 'Ашхабад' }, { en: 'Mary', zh: '马雷', ru: 'Мары' }] },
  { code: 'MN', weight: 2, cities: [{ en: 'Ulaanbaatar', zh: '乌兰巴托', ru: 'Улан-Батор' }, { en: 'Kharkhorin', zh: '哈拉和林' }] },
  { code: 'BY', weight: 1, cities: [{ en: 'Minsk', zh: '明斯克', ru: 'Минск' }, { en: 'Brest', zh: '布列斯特', ru: 'Брест' }] },
  { code: 'UA', weight: 1, cities: [{ en: 'Kyiv', zh: '基辅', ru: 'Киев' }, { en: 'Odesa', zh: '敖德萨', ru: 'Одесса' }] },
  { code: 'AZ', weight: 1, cities: [{ en: 'Baku', zh: '巴库', ru: 'Баку' }, { en: 'Sheki', zh: '舍基', ru: 'Шеки' }] },
  { code: 'GE', weight: 1, cities: [{ en: 'Tbilisi', zh: '第比利斯', ru: 'Тбилиси' }, { en: 'Kutaisi', zh: '库塔伊西', ru: 'Кутаиси' }] },
  { code: 'AM', weight: 1, cities: [{ en: 'Yerevan', zh: '埃里温', ru: 'Ереван' }] },
  { code: 'EG', weight: 3, cities: [{ en: 'Cairo', zh: '开罗', ar: 'القاهرة' }, { en: 'Alexandria', zh: '亚历山大', ar: 'الإسكندرية' }, { en: 'Luxor', zh: '卢克索', ar: 'الأقصر' }] },
  { code: 'SA', weight: 2, cities: [{ en: 'Riyadh', zh: '利雅得', ar: 'الرياض' }, { en: 'Jeddah', zh: '吉达', ar: 'جدة' }, { en: 'AlUla', zh: '欧拉', ar: 'العلا' }] },
  { code: 'AE', weight: 2, cities: [{ en: 'Abu Dhabi', zh: '阿布扎比', ar: 'أبو ظبي' }, { en: 'Dubai', zh: '迪拜', ar: 'دبي' }, { en: 'Sharjah', zh: '沙迦', ar: 'الشارقة' }] },
  { code: 'OM', weight: 1, cities: [{ en: 'Muscat', zh: '马斯喀特', ar: 'مسقط' }, { en: 'Sohar', zh: '苏哈尔', ar: 'صحار' }] },
  { code: 'QA', weight: 1, cities: [{ en: 'Doha', zh: '多哈', ar: 'الدوحة' }] },
  { code: 'KW', weight: 1, cities: [{ en: 'Kuwait City', zh: '科威特城', ar: 'مدينة الكويت' }] },
  { code: 'BH', weight: 1, cities: [{ en: 'Manama', zh: '麦纳麦', ar: 'المنامة' }] },
  { code: 'JO', weight: 1, cities: [{ en: 'Amman', zh: '安曼', ar: 'عمّان' }, { en: 'Petra', zh: '佩特拉', ar: 'البتراء' }] },
  { code: 'LB', weight: 1, cities: [{ en: 'Beirut', zh: '贝鲁特', ar: 'بيروت' }, { en: 'Byblos', zh: '比布鲁斯', ar: 'جبيل' }] },
  { code: 'SY', weight: 1, cities: [{ en: 'Damascus', zh: '大马士革', ar: 'دمشق' }, { en: 'Aleppo', zh: '阿勒颇', ar: 'حلب' }] },
  { code: 'IQ', weight: 1, cities: [{ en: 'Baghdad', zh: '巴格达', ar: 'بغداد' }, { en: 'Mosul', zh: '摩苏尔', ar: 'الموصل' }] },
  { code: 'MA', weight: 1, cities: [{ en: 'Rabat', zh: '拉巴特', ar: 'الرباط' }, { en: 'Marrakesh', zh: '马拉喀什', ar: 'مراكش' }, { en: 'Fez', zh: '非斯', ar: 'فاس' }] },
  { code: 'TN', weight: 1, cities: [{ en: 'Tunis', zh: '突尼斯', ar: 'تونس' }, { en: 'Kairouan', zh: '凯鲁万', ar: 'القيروان' }] },
  { code: 'DZ', weight: 1, cities: [{ en: 'Algiers', zh: '阿尔及尔', ar: 'الجزائر' }] },
  { code: 'SD', weight: 1, cities: [{ en: 'Khartoum', zh: '喀土穆', ar: 'الخرطوم' }] },
  { code: 'IR', weight: 2, cities: [{ en: 'Tehran', zh: '德黑兰' }, { en: 'Isfahan', zh: '伊斯法罕' }, { en: 'Shiraz', zh: '设拉子' }] },
  { code: 'TR', weight: 2, cities: [{ en: 'Istanbul', zh: '伊斯坦布尔' }, { en: 'Ankara', zh: '安卡拉' }, { en: 'Bursa', zh: '布尔萨' }] },
  { code: 'PK', weight: 1, cities: [{ en: 'Lahore', zh: '拉合尔' }, { en: 'Taxila', zh: '塔克西拉' }] },
  { code: 'AF', weight: 1, cities: [{ en: 'Kabul', zh: '喀布尔' }, { en: 'Herat', zh: '赫拉特' }] },
  { code: 'IN', weight: 2, cities: [{ en: 'New Delhi', zh: '新德里' }, { en: 'Mumbai', zh: '孟买' }, { en: 'Kolkata', zh: '加尔各答' }] },
  { code: 'LK', weight: 1, cities: [{ en: 'Colombo', zh: '科伦坡' }, { en: 'Kandy', zh: '康提' }] },
  { code: 'NP', weight: 1, cities: [{ en: 'Kathmandu', zh: '加德满都' }] },
  { code: 'BD', weight: 1, cities: [{ en: 'Dhaka', zh: '达卡' }] },
  { code: 'MM', weight: 1, cities: [{ en: 'Yangon', zh: '仰光' }, { en: 'Bagan', zh: '蒲甘' }] },
  { code: 'TH', weight: 1, cities: [{ en: 'Bangkok', zh: '曼谷' }, { en: 'Chiang Mai', zh: '清迈' }] },
  { code: 'VN', weight: 1, cities: [{ en: 'Hanoi', zh: '河内' }, { en: 'Hue', zh: '顺化' }] },
  { code: 'KH', weight: 1, cities: [{ en: 'Phnom Penh', zh: '金边' }, { en: 'Siem Reap', zh: '暹粒' }] },
  { code: 'MY', weight: 1, cities: [{ en: 'Kuala Lumpur', zh: '吉隆坡' }, { en: 'Malacca', zh: '马六甲' }] },
  { code: 'SG', weight: 1, cities: [{ en: 'Singapore', zh: '新加坡' }] },
  { code: 'ID', weight: 1, cities: [{ en: 'Jakarta', zh: '雅加达' }, { en: 'Yogyakarta', zh: '日惹' }] },
  { code: 'JP', weight: 2, cities: [{ en: 'Tokyo', zh: '东京' }, { en: 'Nara', zh: '奈良' }, { en: 'Kyoto', zh: '京都' }] },
  { code: 'KR', weight: 2, cities: [{ en: 'Seoul', zh: '首尔' }, { en: 'Gyeongju', zh: '庆州' }, { en: 'Busan', zh: '釜山' }] },
  { code: 'GR', weight: 1, cities: [{ en: 'Athens', zh: '雅典' }, { en: 'Thessaloniki', zh: '塞萨洛尼基' }] },
  { code: 'IT', weight: 2, cities: [{ en: 'Rome', zh: '罗马' }, { en: 'Venice', zh: '威尼斯' }, { en: 'Florence', zh: '佛罗伦萨' }] },
  { code: 'FR', weight: 2, cities: [{ en: 'Paris', zh: '巴黎' }, { en: 'Lyon', zh: '里昂' }] },
  { code: 'DE', weight: 2, cities: [{ en: 'Berlin', zh: '柏林' }, { en: 'Munich', zh: '慕尼黑' }] },
  { code: 'GB', weight: 2, cities: [{ en: 'London', zh: '伦敦' }, { en: 'Edinburgh', zh: '爱丁堡' }] },
  { code: 'ES', weight: 1, cities: [{ en: 'Madrid', zh: '马德里' }, { en: 'Granada', zh: '格拉纳达', ar: 'غرناطة' }] },
  { code: 'PT', weight: 1, cities: [{ en: 'Lisbon', zh: '里斯本' }] },
  { code: 'NL', weight: 1, cities: [{ en: 'Amsterdam', zh: '阿姆斯特丹' }, { en: 'Leiden', zh: '莱顿' }] },
  { code: 'AT', weight: 1, cities: [{ en: 'Vienna', zh: '维也纳' }] },
  { code: 'HU', weight: 1, cities: [{ en: 'Budapest', zh: '布达佩斯' }] },
  { code: 'PL', weight: 1, cities: [{ en: 'Warsaw', zh: '华沙' }, { en: 'Krakow', zh: '克拉科夫' }] },
  { code: 'RS', weight: 1, cities: [{ en: 'Belgrade', zh: '贝尔格莱德', ru: 'Белград' }] },
  { code: 'BG', weight: 1, cities: [{ en: 'Sofia', zh: '索非亚', ru: 'София' }] },
  { code: 'US', weight: 2, cities: [{ en: 'New York', zh: '纽约' }, { en: 'Washington', zh: '华盛顿' }, { en: 'Chicago', zh: '芝加哥' }] },
  { code: 'BR', weight: 1, cities: [{ en: 'Sao Paulo', zh: '圣保罗' }, { en: 'Rio de Janeiro', zh: '里约热内卢' }] },
  { code: 'KE', weight: 1, cities: [{ en: 'Nairobi', zh: '内罗毕' }, { en: 'Mombasa', zh: '蒙巴萨' }] },
];

// what kind of place it is (kind follows the type)
const TYPES: Array<{ en: string; zh: string; ru: string; ar: string; kind: string }> = [
  { en: 'Museum', zh: '博物馆', ru: 'музей', ar: 'متحف', kind: 'museum' },
  { en: 'Art Museum', zh: '美术馆', ru: 'художественный музей', ar: 'متحف الفنون', kind: 'museum' },
  { en: 'History Museum', zh: '历史博物馆', ru: 'исторический музей', ar: 'متحف التاريخ', kind: 'museum' },
  { en: 'Museum of Natural History', zh: '自然博物馆', ru: 'музей естественной истории', ar: 'متحف التاريخ الطبيعي', kind: 'museum' },
  { en: 'Archaeological Museum', zh: '考古博物馆', ru: 'археологический музей', ar: 'المتحف الأثري', kind: 'museum' },
  { en: 'Ethnographic Museum', zh: '民族博物馆', ru: 'этнографический музей', ar: 'المتحف الإثنوغرافي', kind: 'museum' },
  { en: 'Silk Road Museum', zh: '丝绸之路博物馆', ru: 'музей Шёлкового пути', ar: 'متحف طريق الحرير', kind: 'museum' },
  { en: 'Museum of Science and Technology', zh: '科技馆', ru: 'музей науки и техники', ar: 'متحف العلوم والتكنولوجيا', kind: 'museum' },
  { en: 'Textile Museum', zh: '纺织博物馆', ru: 'музей текстиля', ar: 'متحف النسيج', kind: 'museum' },
  { en: 'Ceramics Museum', zh: '陶瓷博物馆', ru: 'музей керамики', ar: 'متحف الخزف', kind: 'museum' },
  { en: 'Maritime Museum', zh: '海事博物馆', ru: 'морской музей', ar: 'المتحف البحري', kind: 'museum' },
  { en: 'Manuscript Library', zh: '写本图书馆', ru: 'библиотека рукописей', ar: 'مكتبة المخطوطات', kind: 'other' },
  { en: 'Institute of Cultural Heritage', zh: '文化遗产研究院', ru: 'институт культурного наследия', ar: 'معهد التراث الثقافي', kind: 'agency' },
  { en: 'University Museum', zh: '大学博物馆', ru: 'университетский музей', ar: 'متحف الجامعة', kind: 'university' },
];

const QUALIFIERS: Array<{ en: string; zh: string; ru: string; ar: string }> = [
  { en: 'National', zh: '国家', ru: 'национальный', ar: 'الوطني' },
  { en: 'Regional', zh: '地区', ru: 'региональный', ar: 'الإقليمي' },
  { en: 'Municipal', zh: '市立', ru: 'городской', ar: 'البلدي' },
  { en: 'Provincial', zh: '省立', ru: 'областной', ar: 'الولائي' },
  { en: 'Old Town', zh: '古城', ru: 'старогородской', ar: 'المدينة القديمة' },
  { en: 'Folk', zh: '民间', ru: 'народный', ar: 'الشعبي' },
  { en: 'Imperial', zh: '皇家', ru: 'императорский', ar: 'الإمبراطوري' },
  { en: 'Grand Canal', zh: '大运河', ru: 'Большого канала', ar: 'القناة الكبرى' },
  { en: 'Caravan', zh: '驼队', ru: 'караванный', ar: 'القوافل' },
];

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedInstitution {
  input: InstitutionInput;
  membership: { category: string; status: string; memberSince: string | null; memberNumber: number | null };
}

export function generateInstitutions(n: number, seed = 20261128): GeneratedInstitution[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const totalWeight = COUNTRIES.reduce((s, c) => s + c.weight, 0);
  const pickCountry = () => {
    let r = rnd() * totalWeight;
    for (const c of COUNTRIES) if ((r -= c.weight) < 0) return c;
    return COUNTRIES[COUNTRIES.length - 1]!;
  };
  const seen = new Set<string>();
  const out: GeneratedInstitution[] = [];
  let memberNumber = 1000;
  while (out.length < n) {
    const country = pickCountry();
    const city = pick(country.cities);
    const type = pick(TYPES);
    const qual = pick(QUALIFIERS);
    let en = `${qual.en} ${type.en} of ${city.en}`;
    // a busy city runs out of combinations: number the branches, as real registries do
    for (let b = 2; seen.has(en); b++) en = `${qual.en} ${type.en} of ${city.en} (Branch ${b})`;
    seen.add(en);
    const branch = en.match(/\(Branch (\d+)\)$/)?.[1];
    const name: Record<string, string> = { en, 'zh-Hans': `${city.zh}${qual.zh}${type.zh}${branch ? `第${branch}分馆` : ''}` };
    const r = rnd();
    if (city.ru && r < 0.5) name.ru = `${qual.ru} ${type.ru} (${city.ru})`;
    else if (city.ar && r < 0.6) name.ar = `${type.ar} ${qual.ar} في ${city.ar}`;
    const cityMap: Record<string, string> = { en: city.en, 'zh-Hans': city.zh };
    if (city.ru) cityMap.ru = city.ru;
    if (city.ar) cityMap.ar = city.ar;
    const s = rnd();
    const status = s < 0.86 ? 'member' : s < 0.92 ? 'applicant' : s < 0.96 ? 'withdrawn' : 'suspended';
    const year = 2005 + Math.floor(rnd() * 21);
    const month = 1 + Math.floor(rnd() * 12);
    const wd = rnd() < 0.35;
    out.push({
      input: {
        name,
        ...(rnd() < 0.3 ? { shortName: { en: en.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('') } } : {}),
        kind: type.kind,
        country: country.code,
        city: cityMap,
        website: rnd() < 0.8 ? `https://museum-${out.length + 1}.example.org/` : null,
        wikidata: wd ? `Q${1_000_000 + Math.floor(rnd() * 90_000_000)}` : null,
      },
      membership: {
        category: country.code === 'CN' ? 'chinese' : 'international',
        status,
        memberSince: status === 'applicant' ? null : rnd() < 0.5 ? String(year) : `${year}-${String(month).padStart(2, '0')}`,
        memberNumber: status === 'applicant' ? null : memberNumber++,
      },
    });
  }
  return out;
}

export const COUNTRY_COUNT = COUNTRIES.length;

/**
 * Write the institutions through the services (validation, slugs, audit trail), one
 * transaction per batch. Returns the slugs created, in order.
 */
export async function writeInstitutions(db: Kysely<DB>, items: GeneratedInstitution[], batch = 500): Promise<string[]> {
  const actor = systemActor('bench');
  const slugs: string[] = [];
  for (let i = 0; i < items.length; i += batch) {
    await inTransaction(db, async (trx) => {
      for (const g of items.slice(i, i + batch)) {
        const inst = await createInstitution(trx, actor, g.input);
        await setMembership(trx, actor, inst.id, g.membership);
        slugs.push(inst.slug);
      }
    });
  }
  return slugs;
}
