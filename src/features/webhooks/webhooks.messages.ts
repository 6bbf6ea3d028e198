import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of webhooks as [Korean, English]. */
export const webhooksMessages = defineMessages({
  'webhook.notFound': ['웹훅 엔드포인트를 찾을 수 없습니다.', 'Webhook endpoint not found.'],
  'webhook.deliveryNotFound': ['전송 기록을 찾을 수 없습니다.', 'Delivery not found.'],
  'webhook.url': ['올바른 주소(URL)가 아닙니다.', 'Not a valid URL.'],
  'webhook.https': ['웹훅 주소는 https:// 로 시작해야 합니다.', 'A webhook URL must use https://.'],
  'webhook.privateAddress': [
    '사설·루프백 주소로는 웹훅을 보낼 수 없습니다.',
    'Webhooks cannot go to private or loopback addresses.',
  ],
  'webhook.unresolvable': [
    '주소의 호스트를 찾을 수 없습니다(DNS).',
    'The host of this URL does not resolve.',
  ],
  'webhook.disabled': [
    '사용 중지된 엔드포인트입니다. 다시 사용하도록 바꾼 뒤 재전송하세요.',
    'The endpoint is disabled; enable it before replaying.',
  ],
  'webhook.pending': ['아직 전송 중인 건입니다.', 'This delivery is still being tried.'],
  'webhook.eventScope': [
    '이벤트 종류(events) {type}을(를) 받으려면 협력기관에 {scope} 권한 범위가 있어야 합니다.',
    'Event type (events) {type} needs the partner scope {scope}.',
  ],
  'webhook.deleted': [
    '협력기관이 삭제한 엔드포인트는 다시 사용할 수 없습니다. 협력기관이 새로 등록해야 합니다.',
    'The partner deleted this endpoint; only the partner can add it again.',
  ],
});
