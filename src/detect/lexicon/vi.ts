import type { Lexicon } from './types.ts';

/**
 * Vietnamese (a first lexicon). Folded like the text: tones and vowel marks drop, "đ" reads "d", so
 * "từ chức" is "tu chuc". Every syllable is a word; patterns are whole phrases, since one folded
 * syllable stands for several ("roi" is both "rời", to leave, and "rồi", already).
 */
const ROLE =
  '(ceo|cfo|cto|tong giam doc|giam doc dieu hanh|giam doc tai chinh|giam doc cong nghe|pho tong giam doc|giam doc|chu tich hoi dong quan tri|chu tich hdqt|pho chu tich|chu tich|nha sang lap|dong sang lap|nha dong sang lap)';

export const vi: Lexicon = {
  lang: 'vi',
  cues: {
    departure: [
      'tu chuc',
      '#don tu chuc',
      'roi (ghe|vi tri|chuc vu|cuong vi|khoi|cong ty|tap doan|ban lanh dao)',
      'thoi (giu )?(chuc|nhiem vu)',
      '(buoc xuong|rut lui) khoi (vi tri|chuc vu|ghe)',
      'nghi huu',
      'nghi viec',
      'chia tay (cong ty|tap doan)',
    ],
    fired: ['(bi )?sa thai', '(bi )?cach chuc', '(bi )?mien nhiem', '(bi )?phe truat', 'bi buoc (phai )?roi', 'bi loai khoi (vi tri|chuc vu|ban lanh dao)'],
    appointed: [
      '(duoc )?bo nhiem',
      'nham chuc',
      'tiep quan',
      'len nam quyen',
      '(duoc )?bau (lam|giu chuc)',
      'tan (ceo|tong giam doc|giam doc dieu hanh|chu tich)',
      '+tro thanh',
      '^ke nhiem',
      '=nguoi ke nhiem',
      '^(se )?thay the',
      '^thay (ong|ba)',
    ],
    joined: ['gia nhap', 'dau quan (cho|tai)', 've dau quan', 'chuyen sang lam viec'],
    founded: ['thanh lap (cong ty|startup|doanh nghiep) (moi|rieng)'],
    reinstated: ['tro lai (cong ty|tap doan|vi tri|ghe)'],
  },
  markers: {
    speculation: ['co the', 'tin don', 'xem xet', 'dong thong tin', 'nghe noi', 'kha nang'],
    negation: ['khong', 'chua'],
    retro: ['nam ngoai', 'nam truoc'],
    firstPerson: ['toi'],
    pronoun: ['ong', 'ba'],
    conj: ['va', '&'],
    rival: ['doi thu'],
    role: [ROLE],
    companyNoun: ['cong ty', 'tap doan', 'doanh nghiep', 'ngan hang', 'chuc vu', 'vi tri', 'ghe'],
    boardNoun: ['hoi dong quan tri', 'hdqt'],
    interim: ['tam quyen', 'quyen (ceo|tong giam doc)'],
    funding: ['goi von', 'ty usd', 'trieu usd'],
    lawsuit: ['kien', 'toa an'],
    obituary: ['qua doi', 'tu tran', 'tu vong', 'tien dua'],
    sports: ['huan luyen vien', 'hlv', 'bong da', 'cau lac bo', 'clb', 'tran dau', 'cau thu', 'doi tuyen'],
    politics: ['bo truong', 'thu tuong', 'chinh phu', 'quoc hoi', 'dai bieu', 'chu tich nuoc', 'bi thu', 'uy ban nhan dan', 'tinh uy'],
    denial: ['bac bo', 'phu nhan'],
    corporate: ['cong ty', 'tap doan', 'doanh nghiep', 'co phieu', 'co dong'],
  },
};
