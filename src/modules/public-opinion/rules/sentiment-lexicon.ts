/**
 * The sentiment lexicon (data, not code): word → weight in −3…3, finance-complaint flavoured.
 * Multi-word phrases (暴力催收, 利息太高) are matched before single words, so they win over their
 * parts. Keep entries lower-case (English) and without spaces; the scorer lower-cases the text.
 */
export const SENTIMENT_LEXICON: Readonly<Record<string, number>> = {
  // Collection conduct (催收) — the harshest signals
  暴力催收: -3, 暴力: -2.5, 催收: -1, 恶意催收: -3, 野蛮催收: -3, 软暴力: -3, 爆通讯录: -3, 爆通讯: -3, 通讯录: -1,
  骚扰: -2.5, 骚扰电话: -2.5, 辱骂: -3, 威胁: -3, 恐吓: -3, 恐吓电话: -3, 侮辱: -3, 谩骂: -3, 上门催收: -1.5, 轰炸: -2.5,
  电话轰炸: -3, 短信轰炸: -3, 打给家人: -2, 打给同事: -2, 打电话给家人: -2, 打电话给同事: -2, 曝光: -2, 泄露: -2.5, 隐私: -1, 泄露隐私: -3,
  // Fraud and predatory lending
  骗子: -3, 诈骗: -3, 欺诈: -3, 骗局: -3, 套路贷: -3, 套路: -2.5, 高利贷: -3, 砍头息: -3, 阴阳合同: -3, 黑心: -3,
  坑人: -2.5, 坑: -1.5, 被坑: -2.5, 忽悠: -2, 虚假宣传: -2.5, 虚假: -2, 违规: -2, 违法: -2.5, 非法: -2.5, 霸王条款: -2.5,
  // Fees and interest
  乱收费: -3, 收费高: -2, 手续费高: -2, 利息太高: -2.5, 利息高: -2, 利率高: -2, 高息: -2, 多扣: -2.5, 乱扣: -2.5, 扣款错误: -2,
  重复扣款: -2.5, 隐形费用: -2.5, 隐藏费用: -2.5, 捆绑销售: -2.5, 强制搭售: -2.5, 搭售: -2, 服务费: -0.5, 罚息: -1, 逾期费: -1, 违约金: -1,
  // Service failures
  投诉: -1.5, 维权: -2, 举报: -2, 差评: -2.5, 态度差: -2.5, 态度恶劣: -3, 恶劣: -2.5, 差: -1.5, 很差: -2.5, 太差: -2.5,
  垃圾: -3, 无语: -1.5, 失望: -2, 很失望: -2.5, 不满: -2, 不满意: -2, 愤怒: -2.5, 生气: -2, 气愤: -2.5, 郁闷: -1.5,
  恶心: -2.5, 拖延: -1.5, 推诿: -2, 踢皮球: -2, 不理: -1.5, 没人管: -2, 敷衍: -2, 拖着: -1.5, 打不通: -1.5, 联系不上: -1.5,
  故障: -1.5, 闪退: -1.5, 卡顿: -1, 出错: -1.5, 错误: -1, 问题: -0.5, 麻烦: -1, 糟糕: -2, 糟心: -2, 后悔: -2,
  崩溃: -2, 绝望: -2.5, 逼: -1.5, 逼迫: -2.5, 被逼: -2.5, 强制: -1.5, 欺负: -2.5, 黑: -1, 黑名单: -1, 征信: -0.5,
  征信污染: -2.5, 不合理: -2, 不公平: -2, 不透明: -2, 不退: -2, 不给退: -2.5, 退款难: -2.5, 难: -0.5, 坑爹: -2.5, 可恶: -2.5,
  // Praise and good service
  满意: 2, 非常满意: 3, 专业: 2, 耐心: 2, 细心: 2, 热情: 2, 周到: 2, 贴心: 2, 负责: 1.5, 认真: 1.5,
  及时: 1.5, 高效: 2, 快速: 1.5, 方便: 1.5, 便捷: 1.5, 简单: 1, 透明: 1.5, 合理: 1.5, 公平: 1.5, 靠谱: 2,
  放心: 2, 安心: 2, 信任: 1.5, 信赖: 2, 感谢: 2, 谢谢: 1.5, 感激: 2, 点赞: 2.5, 好评: 2.5, 推荐: 1.5,
  好: 1, 很好: 2, 不错: 1.5, 挺好: 1.5, 优秀: 2, 棒: 2, 给力: 2, 良心: 2, 实惠: 1.5, 优惠: 1,
  利息低: 2, 利率低: 2, 低息: 1.5, 解决: 1.5, 已解决: 2, 妥善: 1.5, 帮助: 1.5, 帮忙: 1.5, 理解: 1, 体谅: 1.5,
  友好: 2, 礼貌: 2, 温和: 1.5, 规范: 1.5, 合规: 1.5, 诚信: 2, 顺利: 1.5, 准时: 1, 高兴: 2, 开心: 2,
  // English
  scam: -3, fraud: -3, harass: -2.5, harassment: -2.5, harassing: -2.5, threat: -3, threatened: -3, abusive: -3, rude: -2.5, terrible: -3,
  awful: -3, bad: -2, worst: -3, angry: -2.5, complaint: -1.5, overcharged: -2.5, hidden: -1, unfair: -2, predatory: -3, disappointed: -2,
  good: 1.5, great: 2.5, excellent: 3, helpful: 2, professional: 2, patient: 2, satisfied: 2, happy: 2, thanks: 1.5, recommend: 1.5,
  fast: 1, friendly: 2, fair: 1.5, reliable: 2,
};

/** Words that flip the sentiment of what follows (within the same clause). */
export const NEGATORS: ReadonlySet<string> = new Set(['不', '没', '没有', '别', '无', '未', '不是', '并不', '从不', '毫无', 'not', 'no', 'never', "don't", "didn't", "isn't", "wasn't"]);

/** Words that strengthen what follows, with their multiplier. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  非常: 1.8, 很: 1.5, 太: 1.6, 特别: 1.7, 极其: 2, 极: 1.8, 十分: 1.7, 超: 1.5, 超级: 1.7, 真: 1.3, 相当: 1.5, 最: 1.8, 巨: 1.6, 好: 1.3,
  very: 1.5, so: 1.4, too: 1.5, really: 1.4, extremely: 2,
};
