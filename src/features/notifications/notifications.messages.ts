import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of notifications as [Korean, English]. */
export const notificationMessages = defineMessages({
  'notification.templateNotFound': ['알림 템플릿을 찾을 수 없습니다.', 'Notification template not found.'],
  'notification.unknownField': [
    '쓸 수 없는 항목이 있습니다: {fields} (쓸 수 있는 항목: {allowed})',
    'Unknown fields: {fields} (allowed: {allowed})',
  ],
  'notification.blank': ['비워 둘 수 없습니다.', 'Must not be blank.'],
  'notification.tooLong': ['{max}자 이하로 입력하세요.', 'At most {max} characters.'],
  'notification.adNoAlimtalk': [
    '광고성 메시지는 알림톡으로 보낼 수 없습니다(알림톡은 정보성 전용).',
    'An advertising template cannot be sent as 알림톡 (informational only).',
  ],
  'notification.noAdOptIn': [
    '광고성 정보 수신 동의가 없어 보내지 않았습니다.',
    'No advertising opt-in: not sent.',
  ],
  'notification.optedOut': ['수신자가 모든 알림을 거부했습니다.', 'The recipient turned every channel off.'],
  'notification.noContact': [
    '받을 수 있는 연락처(휴대전화·이메일)가 없습니다.',
    'No phone or e-mail the recipient accepts messages on.',
  ],
  'notification.unreachable': [
    '수신자가 종결되었거나 처리정지 상태입니다.',
    'The recipient is closed or suspended.',
  ],
  'notification.status.queued': ['발송 대기', 'Queued'],
  'notification.status.deferred': ['예약(야간 보류)', 'Deferred'],
  'notification.status.sent': ['발송 완료', 'Sent'],
  'notification.status.failed': ['발송 실패', 'Failed'],
  'notification.status.suppressed': ['발송 안 함', 'Suppressed'],
  'notification.channel.sms': ['문자(SMS)', 'SMS'],
  'notification.channel.lms': ['장문 문자(LMS)', 'LMS'],
  'notification.channel.alimtalk': ['카카오 알림톡', 'KakaoTalk 알림톡'],
  'notification.channel.email': ['이메일', 'E-mail'],
  'notification.category.info': ['정보성', 'Informational'],
  'notification.category.ad': ['광고성', 'Advertising'],
});
