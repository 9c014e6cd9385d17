/**
 * Word lists for fictional borrowers. Region codes are real GB/T 2260 district codes (so resident
 * IDs look right), but every person and company generated from them is invented.
 */

export type DemoBranch = { id: string; nameZh: string; nameEn: string };

export const DEMO_BRANCHES: readonly DemoBranch[] = [
  { id: 'BJ001', nameZh: '北京分行', nameEn: 'Beijing Branch' },
  { id: 'SH001', nameZh: '上海分行', nameEn: 'Shanghai Branch' },
  { id: 'SZ001', nameZh: '深圳分行', nameEn: 'Shenzhen Branch' },
  { id: 'HZ001', nameZh: '杭州分行', nameEn: 'Hangzhou Branch' },
  { id: 'CD001', nameZh: '成都分行', nameEn: 'Chengdu Branch' },
];

export type Region = { code: string; province: string; city: string; district: string; branchId: string };

export const REGIONS: readonly Region[] = [
  { code: '110101', province: '北京市', city: '北京市', district: '东城区', branchId: 'BJ001' },
  { code: '110105', province: '北京市', city: '北京市', district: '朝阳区', branchId: 'BJ001' },
  { code: '110108', province: '北京市', city: '北京市', district: '海淀区', branchId: 'BJ001' },
  { code: '130102', province: '河北省', city: '石家庄市', district: '长安区', branchId: 'BJ001' },
  { code: '310104', province: '上海市', city: '上海市', district: '徐汇区', branchId: 'SH001' },
  { code: '310115', province: '上海市', city: '上海市', district: '浦东新区', branchId: 'SH001' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区', branchId: 'SH001' },
  { code: '320505', province: '江苏省', city: '苏州市', district: '虎丘区', branchId: 'SH001' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区', branchId: 'SZ001' },
  { code: '440304', province: '广东省', city: '深圳市', district: '福田区', branchId: 'SZ001' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区', branchId: 'SZ001' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区', branchId: 'HZ001' },
  { code: '330108', province: '浙江省', city: '杭州市', district: '滨江区', branchId: 'HZ001' },
  { code: '330203', province: '浙江省', city: '宁波市', district: '海曙区', branchId: 'HZ001' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区', branchId: 'CD001' },
  { code: '510104', province: '四川省', city: '成都市', district: '锦江区', branchId: 'CD001' },
  { code: '500103', province: '重庆市', city: '重庆市', district: '渝中区', branchId: 'CD001' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区', branchId: 'CD001' },
];

export const STREETS = [
  '人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '文化路', '长江路', '黄河路', '学院路',
  '科技路', '南京路', '东风路', '朝阳路', '光明路', '胜利路', '青年路', '滨江大道', '世纪大道', '创业路',
] as const;

/** Common surnames with pinyin (for fictional e-mail handles). */
export const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['袁', 'yuan'], ['潘', 'pan'], ['于', 'yu'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'],
  ['叶', 'ye'], ['程', 'cheng'], ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'],
  ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'], ['姜', 'jiang'], ['崔', 'cui'], ['钟', 'zhong'], ['谭', 'tan'],
  ['陆', 'lu'], ['汪', 'wang'], ['范', 'fan'], ['金', 'jin'], ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'],
  ['夏', 'xia'], ['韦', 'wei'], ['方', 'fang'], ['白', 'bai'], ['邹', 'zou'], ['孟', 'meng'], ['熊', 'xiong'],
  ['秦', 'qin'], ['邱', 'qiu'], ['江', 'jiang'], ['尹', 'yin'], ['薛', 'xue'], ['段', 'duan'], ['雷', 'lei'],
  ['侯', 'hou'], ['龙', 'long'], ['史', 'shi'], ['陶', 'tao'], ['黎', 'li'], ['贺', 'he'], ['顾', 'gu'],
  ['毛', 'mao'], ['郝', 'hao'], ['龚', 'gong'], ['邵', 'shao'], ['万', 'wan'], ['钱', 'qian'], ['严', 'yan'],
  ['欧阳', 'ouyang'], ['司马', 'sima'], ['上官', 'shangguan'],
];

export const GIVEN_MALE: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'],
  ['浩', 'hao'], ['宇', 'yu'], ['俊', 'jun'], ['志', 'zhi'], ['建', 'jian'], ['国', 'guo'], ['文', 'wen'],
  ['博', 'bo'], ['海', 'hai'], ['峰', 'feng'], ['斌', 'bin'], ['睿', 'rui'], ['晨', 'chen'], ['轩', 'xuan'],
  ['子', 'zi'], ['天', 'tian'], ['立', 'li'], ['华', 'hua'], ['春', 'chun'], ['东', 'dong'], ['成', 'cheng'],
];

export const GIVEN_FEMALE: ReadonlyArray<readonly [string, string]> = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['霞', 'xia'], ['燕', 'yan'], ['婷', 'ting'], ['雪', 'xue'], ['慧', 'hui'], ['琳', 'lin'], ['欣', 'xin'],
  ['颖', 'ying'], ['佳', 'jia'], ['梅', 'mei'], ['玲', 'ling'], ['萍', 'ping'], ['红', 'hong'], ['月', 'yue'],
  ['雅', 'ya'], ['倩', 'qian'], ['晓', 'xiao'], ['思', 'si'], ['雨', 'yu'], ['文', 'wen'], ['秀', 'xiu'],
  ['悦', 'yue'], ['诗', 'shi'], ['梦', 'meng'], ['可', 'ke'], ['馨', 'xin'], ['怡', 'yi'], ['彤', 'tong'],
];

export const OCCUPATIONS = [
  '教师', '医生', '护士', '工程师', '程序员', '销售经理', '会计', '公务员', '个体工商户', '司机', '厨师',
  '设计师', '律师', '快递员', '店员', '工人', '农民', '退休人员', '自由职业者', '企业职员',
] as const;

export const TRADE_NAMES = [
  '云帆', '恒通', '华信', '博远', '瑞丰', '金桥', '宏达', '星辰', '鼎盛', '汇智', '嘉禾', '明德', '天成', '海润',
  '新元', '中泰', '盛世', '安泰', '永兴', '卓越', '东升', '锦程', '正源', '德润', '长青', '智联', '领航', '启明',
] as const;

export const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['科技', '信息技术'], ['贸易', '批发和零售业'], ['建设工程', '建筑业'], ['制造', '制造业'], ['物流', '交通运输、仓储和邮政业'],
  ['餐饮管理', '住宿和餐饮业'], ['农业发展', '农、林、牧、渔业'], ['新能源', '电力、热力、燃气及水生产和供应业'],
  ['医疗器械', '制造业'], ['文化传媒', '文化、体育和娱乐业'], ['环保科技', '水利、环境和公共设施管理业'], ['置业', '房地产业'],
];

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

/** Mobile prefixes in current use (libphonenumber validates them). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
  '158', '159', '166', '173', '175', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199',
] as const;

export const REPAYMENT_CHANNELS = ['auto-debit', 'auto-debit', 'auto-debit', 'bank-transfer', 'app', 'counter'] as const;
