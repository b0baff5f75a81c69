// The hub's vocabulary: the single list of event names (nothing else in the app spells them), their payloads,
// and the server methods the connection invokes.
import type {
  ConversationActivityEvent,
  MessageDeletedEvent,
  MessageDto,
  ModerationNoticeEvent,
  NotificationDto,
  PresenceEvent,
  RoomHeadEvent,
  RoomInfo,
  RoomMemberEvent,
  RoomUnread,
  SessionRevokedEvent,
  TypingEvent,
} from './contracts.ts';

/** Every event the hub sends; nothing else in the app spells these names. */
export const HubEvents = {
  MessageCreated: 'MessageCreated',
  MessageUpdated: 'MessageUpdated',
  MessageDeleted: 'MessageDeleted',
  UserJoined: 'UserJoined',
  UserLeft: 'UserLeft',
  Typing: 'Typing',
  PresenceChanged: 'PresenceChanged',
  SessionRevoked: 'SessionRevoked',
  ModerationNotice: 'ModerationNotice',
  RoomUpdated: 'RoomUpdated',
  RoomHead: 'RoomHead',
  ConversationActivity: 'ConversationActivity',
  NotificationCreated: 'NotificationCreated',
  ReadMarkerMoved: 'ReadMarkerMoved',
} as const;

export type HubEventName = (typeof HubEvents)[keyof typeof HubEvents];

export interface HubEventPayloads {
  MessageCreated: MessageDto;
  MessageUpdated: MessageDto;
  MessageDeleted: MessageDeletedEvent;
  UserJoined: RoomMemberEvent;
  UserLeft: RoomMemberEvent;
  Typing: TypingEvent;
  PresenceChanged: PresenceEvent;
  SessionRevoked: SessionRevokedEvent;
  ModerationNotice: ModerationNoticeEvent;
  RoomUpdated: RoomInfo;
  RoomHead: RoomHeadEvent;
  ConversationActivity: ConversationActivityEvent;
  NotificationCreated: NotificationDto;
  ReadMarkerMoved: RoomUnread;
}

export const HubMethods = {
  JoinRoom: 'JoinRoom',
  CatchUp: 'CatchUp',
  LeaveRoom: 'LeaveRoom',
  SendMessage: 'SendMessage',
  /** SendMessage with extras: the message it replies to, the files uploaded for it. */
  SendMessageWith: 'SendMessageWith',
  Typing: 'Typing',
  Heartbeat: 'Heartbeat',
} as const;
