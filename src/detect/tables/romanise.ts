/**
 * Data for giving a Latin form to names written in Han, kana or Hangul (code: ../romanise.ts).
 * Readings themselves come from packages (pinyin-pro, es-hangul, hepburn); what is here is what they do
 * not know: where a name's surname ends, and how Koreans write their surnames in Latin letters.
 */

/**
 * Chinese two-character surnames (Simplified): the space of "Ouyang Nana" goes after both. Readings of
 * single-character surnames that differ from the everyday word (单 Shan, 曾 Zeng, 乐 Yue, 区 Ou) are
 * pinyin-pro's own surname mode.
 */
export const ZH_COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 端木 西门 南宫 独孤 ' +
    '百里 呼延 钟离 澹台 申屠 太史 万俟 闻人 赫连 公羊 淳于 单于 濮阳 左丘 拓跋 完颜 东郭 北堂 第五'
  ).split(' '),
);

/**
 * Korean surnames as their bearers and the press write them in Latin letters ("Lee", "Park", "Choi"),
 * not as Revised Romanization spells the syllable ("I", "Bak", "Choe"): the spellings most used in
 * passports, so a search for "lee jae-yong" finds 이재용. Two-syllable surnames are listed whole.
 * A surname not here is written in Revised Romanization.
 */
export const KO_SURNAMES: ReadonlyMap<string, string> = new Map(
  (
    '김 Kim|이 Lee|박 Park|최 Choi|정 Jung|강 Kang|조 Cho|윤 Yoon|장 Jang|임 Lim|한 Han|오 Oh|서 Seo|신 Shin|' +
    '권 Kwon|황 Hwang|안 Ahn|송 Song|류 Ryu|유 Yoo|전 Jeon|홍 Hong|고 Ko|문 Moon|양 Yang|손 Son|배 Bae|백 Baek|' +
    '허 Heo|남 Nam|심 Shim|노 Noh|하 Ha|곽 Kwak|성 Sung|차 Cha|주 Joo|우 Woo|구 Koo|민 Min|진 Jin|나 Na|지 Ji|' +
    '엄 Eom|변 Byun|채 Chae|원 Won|천 Cheon|방 Bang|공 Kong|현 Hyun|함 Ham|염 Yeom|여 Yeo|추 Choo|도 Do|소 So|' +
    '석 Seok|선 Sun|설 Seol|마 Ma|길 Gil|연 Yeon|위 Wi|표 Pyo|명 Myung|기 Ki|반 Ban|라 Ra|왕 Wang|금 Keum|옥 Ok|' +
    '육 Yook|인 In|맹 Maeng|제 Je|모 Mo|탁 Tak|국 Kook|어 Eo|은 Eun|편 Pyun|용 Yong|예 Ye|경 Kyung|봉 Bong|' +
    '사 Sa|부 Boo|가 Ka|피 Pi|빈 Bin|호 Ho|승 Seung|' +
    '남궁 Namgoong|황보 Hwangbo|제갈 Jegal|선우 Sunwoo|독고 Dokgo|사공 Sagong|서문 Seomun'
  )
    .split('|')
    .map((pair) => pair.split(' ') as [string, string]),
);
