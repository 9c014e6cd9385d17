/**
 * Public opinion (舆情): mentions of the lender on Weibo, WeChat, news, forums, 黑猫投诉 and app
 * stores — imported (file or webhook), scored for sentiment, matched to customers, loans and
 * complaints, watched for spikes of negative mentions, and turned into complaints when warranted.
 */
export { publicOpinionRoutes, PUBLIC_OPINION_SECRET_HEADER } from './public-opinion.routes.ts';
export { publicOpinionMentions, publicOpinionAlerts } from './public-opinion.schema.ts';
export { scoreSentimentZh } from './rules/sentiment.ts';
export { matchMention } from './rules/match-mention.ts';
export { detectNegativeSpike } from './rules/negative-spike.ts';
